import { ParameterError } from '../../errors.ts';
import {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from '../../gpu/buffers.ts';
import { uploadNetworkProblem, type NetworkProblemBuffers } from './gpuUpload.ts';
import type { KernelContract } from '../../gpu/contract.ts';
import type { ComputeKernel } from '../../gpu/kernel.ts';
import { writeStruct, type WgslModule } from '../../gpu/layout.ts';
import type { GpuSession } from '../../gpu/session.ts';
import type { RandomGenerator } from '../../random/generator.ts';
import { networkMeanField } from '../../generated/wgsl/kernels/index.ts';
import { philox, random, threefry } from '../../generated/wgsl/lib/index.ts';
import { network } from '../../generated/wgsl/problems/index.ts';
import type { NetworkProblem } from './network.ts';

/** Module list of a kernel that includes the network library (generator, random, network, kernel). */
export function networkModules(
  kernel: WgslModule,
  generator: RandomGenerator = 'philox',
): WgslModule[] {
  return [generator === 'threefry' ? threefry : philox, random, network, kernel];
}

/** What NetworkMeanField uses of its WGSL (checked by test/contract). */
export const NETWORK_MEAN_FIELD_CONTRACT: KernelContract = {
  name: 'NetworkMeanField',
  modules: networkModules(networkMeanField),
  structs: {
    MeanFieldParams: ['firstPoint', 'pointCount'],
    ProblemParams: [
      'dimension',
      'inputs',
      'outputs',
      'layerCount',
      'sampleCount',
      'batch',
      'classes',
      'units',
      'initScheme',
    ],
  },
  bindings: [
    'meanFieldParams',
    'points',
    'fieldGradient',
    'fieldSecondMoment',
    'fieldBatchMoment',
    'fieldValues',
    'problem',
    'networkData',
  ],
  overrides: [],
};

/** Mean fields of a list of points, in float32 (point p's entries at p·d … p·d + d − 1). */
export interface NetworkMeanFieldResult {
  readonly count: number;
  readonly dimension: number;
  /** F at each point. */
  readonly value: Float32Array;
  /** Train accuracy at each point. */
  readonly accuracy: Float32Array;
  readonly gradient: Float32Array;
  /** S = (1/n) Σ_j (∇ℓ_j)². */
  readonly secondMoment: Float32Array;
  /** S_B = (∇F)² + (S − (∇F)²)/B. */
  readonly batchSecondMoment: Float32Array;
}

/** The group(1) bind group of a kernel that includes problems/network.wgsl. */
export function bindNetworkProblem(
  kernel: ComputeKernel,
  buffers: NetworkProblemBuffers,
): GPUBindGroup {
  return kernel.bind({ ...buffers.entries }, 1);
}

/**
 * F, ∇F, S, S_B and the train accuracy of a network problem at many points at once, on the
 * GPU (shaders/kernels/network_mean_field.wgsl, one workgroup of 64 lanes per point, every
 * sum over the whole train split). The float64 twin is `problem.meanField(x)`.
 *
 * @example
 * const field = await NetworkMeanField.create(session, problem);
 * const result = await field.evaluate(points); // points: count × d
 * field.destroy();
 */
export class NetworkMeanField {
  private constructor(
    private readonly kernel: ComputeKernel,
    private readonly problem: NetworkProblem,
    private readonly buffers: NetworkProblemBuffers,
    private readonly problemGroup: GPUBindGroup,
  ) {}

  static async create(
    session: GpuSession,
    problem: NetworkProblem,
    generator: RandomGenerator = 'philox',
  ): Promise<NetworkMeanField> {
    const kernel = await session.kernel({
      label: 'NetworkMeanField',
      modules: networkModules(networkMeanField, generator),
    });
    const buffers = uploadNetworkProblem(
      kernel.device,
      problem,
      network.structs.ProblemParams,
      'NetworkMeanField',
    );
    return new NetworkMeanField(kernel, problem, buffers, bindNetworkProblem(kernel, buffers));
  }

  /**
   * The mean field at `points` (count × d, row-major; converted to f32). Lists longer than
   * `pointsPerDispatch` (default and maximum: maxComputeWorkgroupsPerDimension) are chunked
   * over several dispatches.
   */
  async evaluate(
    points: Float64Array | Float32Array,
    options: { pointsPerDispatch?: number } = {},
  ): Promise<NetworkMeanFieldResult> {
    const d = this.problem.dimension;
    if (points.length === 0 || points.length % d !== 0) {
      throw new ParameterError('points.length', points.length, `a positive multiple of d = ${d}`);
    }
    const count = points.length / d;
    const { device } = this.kernel;
    const bytes = points.length * 4;
    const limit = device.limits.maxStorageBufferBindingSize;
    if (bytes > limit) {
      throw new ParameterError(
        'NetworkMeanField: points × d',
        `${count} × ${d}`,
        `at most ${limit} bytes of float32 per buffer (this device's maxStorageBufferBindingSize; evaluate fewer points at a time); here ${bytes}`,
      );
    }
    const label = 'NetworkMeanField';
    const input = uploadStorage(device, `${label}.points`, Float32Array.from(points));
    const gradient = createStorageBuffer(device, `${label}.gradient`, bytes);
    const second = createStorageBuffer(device, `${label}.secondMoment`, bytes);
    const batch = createStorageBuffer(device, `${label}.batchSecondMoment`, bytes);
    const values = createStorageBuffer(device, `${label}.values`, count * 8);
    const group0 = (uniform: GPUBuffer) =>
      this.kernel.bind({
        meanFieldParams: uniform,
        points: input,
        fieldGradient: gradient,
        fieldSecondMoment: second,
        fieldBatchMoment: batch,
        fieldValues: values,
      });
    const perDispatch = Math.min(
      options.pointsPerDispatch ?? Infinity,
      device.limits.maxComputeWorkgroupsPerDimension,
    );
    if (!(perDispatch >= 1)) {
      throw new ParameterError('pointsPerDispatch', options.pointsPerDispatch, 'an integer ≥ 1');
    }
    const uniforms: GPUBuffer[] = [];
    const encoder = device.createCommandEncoder({ label: `${label}.encoder` });
    for (let first = 0; first < count; first += perDispatch) {
      const chunk = Math.min(perDispatch, count - first);
      const uniform = createUniformBuffer(
        device,
        `${label}.params`,
        writeStruct(networkMeanField.structs.MeanFieldParams, {
          firstPoint: first,
          pointCount: chunk,
        }),
      );
      uniforms.push(uniform);
      const pass = encoder.beginComputePass({ label: `${label}.pass` });
      this.kernel.dispatch(pass, [group0(uniform), this.problemGroup], chunk, 1);
      pass.end();
    }
    device.queue.submit([encoder.finish()]);
    const [g, s, b, v] = await Promise.all([
      readBuffer(device, gradient, bytes),
      readBuffer(device, second, bytes),
      readBuffer(device, batch, bytes),
      readBuffer(device, values, count * 8),
    ]);
    for (const buffer of [input, gradient, second, batch, values, ...uniforms]) buffer.destroy();
    const pairs = new Float32Array(v);
    return {
      count,
      dimension: d,
      value: Float32Array.from({ length: count }, (_, p) => pairs[2 * p] ?? NaN),
      accuracy: Float32Array.from({ length: count }, (_, p) => pairs[2 * p + 1] ?? NaN),
      gradient: new Float32Array(g),
      secondMoment: new Float32Array(s),
      batchSecondMoment: new Float32Array(b),
    };
  }

  /** Releases the problem's buffers. */
  destroy(): void {
    this.buffers.destroy();
  }
}
