import {
  createStorageBuffer,
  createUniformBuffer,
  uploadStorage,
  usableBufferSize,
} from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { BufferResource, ComputeKernel } from '../gpu/kernel.ts';
import { writeStruct, type StructValues } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import { state as optimizerState } from '../generated/wgsl/optimizers/index.ts';
import type { ResolvedEnsemble } from './config.ts';
import type { NetworkGpuData } from './networkGpu.ts';
import {
  createEnsembleKernels,
  DENSE_BLOCK_TRAJECTORIES,
  ENSEMBLE_WORKGROUP,
  planChunks,
  type Chunk,
  type EnsembleKernels,
} from './gpuKernels.ts';

export type StateBuffer = 'positions' | 'firstMoments' | 'secondMoments' | 'auxiliary';
export const STATE_BUFFERS: readonly StateBuffer[] = [
  'positions',
  'firstMoments',
  'secondMoments',
  'auxiliary',
];

/**
 * The GPU objects of one ensemble and the helpers every pass uses (chunk ranges, uniforms,
 * dispatch sizes, the problem's bind group). Per-tile arrays (x, m, v, aux: 16 bytes per
 * tile; bias weights: 8) are trajectory-major and bound per chunk; per-trajectory arrays
 * (divergence flags, metrics: 4 and 16 bytes) are bound whole.
 */
export class EnsembleGpuContext {
  readonly tileCount: number;
  /** quadratic-dense: the step kernel's scratch (ζ and A = Z Lᵀ of the largest chunk). */
  private denseScratch: { denseNoise: GPUBuffer; denseProducts: GPUBuffer } | undefined;

  private constructor(
    readonly session: GpuSession,
    readonly device: GPUDevice,
    readonly resolved: ResolvedEnsemble,
    readonly kernels: EnsembleKernels,
    readonly chunks: Chunk[],
    readonly state: Record<StateBuffer, GPUBuffer>,
    readonly biasWeights: GPUBuffer,
    readonly diverged: GPUBuffer,
    readonly hypers: GPUBuffer,
    readonly problemParams: GPUBuffer,
    readonly metrics: GPUBuffer,
    /** quadratic-dense only: L and Σ (row-major f32), group 1 bindings 1 and 2. */
    readonly matrices: { denseCholesky: GPUBuffer; denseCovariance: GPUBuffer } | undefined,
    /** network problems only: group 1 of the train and test splits, the gradient scratch. */
    readonly network: NetworkGpuData | undefined,
  ) {
    this.tileCount = Math.ceil(resolved.problem.dimension / 4);
  }

  /** Compiles the kernels and allocates every buffer (contents: zero, hypers, problem). */
  static async create(
    session: GpuSession,
    resolved: ResolvedEnsemble,
  ): Promise<EnsembleGpuContext> {
    const kernels = await createEnsembleKernels(session, resolved);
    const device = await session.device();
    const tiles = Math.ceil(resolved.problem.dimension / 4);
    const n = resolved.trajectories;
    // Chunking covers bindings and dispatches; one buffer must still hold every trajectory.
    const maxTrajectories = Math.floor(usableBufferSize(device.limits) / (16 * tiles));
    if (n > maxTrajectories) {
      const allowed = `at most ${maxTrajectories} for dimension ${resolved.problem.dimension} on this device (maxBufferSize - ${device.limits.maxBufferSize - usableBufferSize(device.limits)} bytes of headroom)`;
      throw new ParameterError('trajectories', n, allowed);
    }
    const chunks = planChunks(n, tiles, device.limits, resolved.maxTrajectoriesPerChunk);
    const storage = (name: string, bytes: number) =>
      createStorageBuffer(device, `Ensemble.${name}`, bytes);
    const state = Object.fromEntries(
      STATE_BUFFERS.map((name) => [name, storage(name, n * tiles * 16)]),
    ) as Record<StateBuffer, GPUBuffer>;
    const hyperLayout = optimizerState.structs.OptimizerHyper;
    const hyperBytes = new DataView(new ArrayBuffer(hyperLayout.size * resolved.groups.length));
    resolved.groups.forEach((g, i) =>
      writeStruct(hyperLayout, { ...g.hyper }, hyperBytes, i * hyperLayout.size),
    );
    const problemStruct = kernels.step.layout.struct('ProblemParams');
    const chunkTiles = Math.max(...chunks.map((c) => c.count)) * tiles;
    return new EnsembleGpuContext(
      session,
      device,
      resolved,
      kernels,
      chunks,
      state,
      storage('biasWeights', n * tiles * 8),
      storage('diverged', n * 4),
      uploadStorage(device, 'Ensemble.hypers', new Uint8Array(hyperBytes.buffer)),
      createUniformBuffer(
        device,
        'Ensemble.problem',
        writeStruct(problemStruct, resolved.problem.gpuParams()),
      ),
      storage('metrics', n * 16),
      denseMatrices(device, resolved),
      resolved.problem.kernelPath === 'network'
        ? // Loaded on use: the tiled and dense problems do not carry the network's buffers.
          (await import('./networkGpu.ts')).createNetworkGpuData(
            device,
            resolved,
            problemStruct,
            chunkTiles,
          )
        : undefined,
    );
  }

  /**
   * Group 1 (the problem) of `kernel`; for a network problem, the data of `split` (the train
   * split unless the metrics kernel asks for the test split).
   */
  problemGroup(kernel: ComputeKernel, split: 'train' | 'test' = 'train'): GPUBindGroup {
    if (this.network) return kernel.bind({ ...this.network[split] }, 1);
    return kernel.bind({ problem: this.problemParams, ...this.matrices }, 1);
  }

  /** Byte range of a chunk's per-tile data (`bytesPerTile` = 16 for state, 8 for bias weights). */
  range(buffer: GPUBuffer, chunk: Chunk, bytesPerTile: number): BufferResource {
    const bytes = this.tileCount * bytesPerTile;
    return { buffer, offset: chunk.first * bytes, size: chunk.count * bytes };
  }

  /** A uniform buffer holding `values` of WGSL struct `struct` (the caller destroys it). */
  uniform(kernel: ComputeKernel, struct: string, values: StructValues): GPUBuffer {
    const data = writeStruct(kernel.layout.struct(struct), values);
    return createUniformBuffer(this.device, `${kernel.label}.params`, data);
  }

  /**
   * Records the step kernel (`kernel`: plain or observed, both with `EnsembleStepParams` and
   * the state bindings of group 0) for `steps` steps from `firstStep`, every chunk, K steps
   * per dispatch. `extraGroups` come after the problem's group 1; `extraState` adds bindings
   * of group 0 per chunk (e.g. an observer's per-tile buffer). Returns the uniforms to free
   * once submitted.
   */
  encodeSteps(
    pass: GPUComputePassEncoder,
    kernel: ComputeKernel,
    firstStep: number,
    steps: number,
    extraGroups: GPUBindGroup[] = [],
    extraState: (chunk: Chunk) => Record<string, BufferResource> = () => ({}),
  ): GPUBuffer[] {
    const { resolved, tileCount } = this;
    const problem = this.problemGroup(kernel);
    const uniforms: GPUBuffer[] = [];
    for (let done = 0; done < steps; done += resolved.stepsPerDispatch) {
      for (const chunk of this.chunks) {
        const params = this.uniform(kernel, 'EnsembleStepParams', {
          key: resolved.key,
          firstTrajectory: chunk.first,
          trajectoryCount: chunk.count,
          tileCount,
          groupSize: resolved.groupSize,
          firstStep: firstStep + done,
          stepCount: Math.min(resolved.stepsPerDispatch, steps - done),
          randomOffset: resolved.firstTrajectory,
        });
        uniforms.push(params);
        const group0 = kernel.bind({
          params,
          hypers: this.hypers,
          positions: this.range(this.state.positions, chunk, 16),
          firstMoments: this.range(this.state.firstMoments, chunk, 16),
          secondMoments: this.range(this.state.secondMoments, chunk, 16),
          auxiliary: this.range(this.state.auxiliary, chunk, 16),
          biasWeights: this.range(this.biasWeights, chunk, 8),
          diverged: this.diverged,
          ...this.denseStepScratch(kernel),
          ...extraState(chunk),
        });
        if (this.resolved.problem.kernelPath === 'network') {
          // kernels/ensemble_network_step.wgsl: one workgroup per trajectory.
          this.dispatchPerTrajectory(pass, kernel, [group0, problem, ...extraGroups], chunk, 1);
        } else if (this.resolved.problem.kernelPath === 'dense') {
          // kernels/ensemble_dense_step.wgsl: one workgroup per block of trajectories.
          const [x, y] = workgroupGrid(
            Math.ceil(chunk.count / DENSE_BLOCK_TRAJECTORIES),
            1,
            this.device.limits.maxComputeWorkgroupsPerDimension,
          );
          kernel.dispatch(pass, [group0, problem, ...extraGroups], x, y);
        } else {
          this.dispatchPerTrajectory(
            pass,
            kernel,
            [group0, problem, ...extraGroups],
            chunk,
            tileCount,
          );
        }
      }
    }
    return uniforms;
  }

  /** One thread per invocation, in workgroups of ENSEMBLE_WORKGROUP. */
  dispatch(
    pass: GPUComputePassEncoder,
    kernel: ComputeKernel,
    groups: GPUBindGroup[],
    invocations: number,
  ): void {
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    const [x, y] = workgroupGrid(invocations, ENSEMBLE_WORKGROUP, max);
    kernel.dispatch(pass, groups, x, y);
  }

  /**
   * The dense step kernel's scratch buffers, sized to the largest chunk (reused by every
   * chunk: dispatches of one pass run in order); nothing for the tiled kernels.
   */
  private denseStepScratch(kernel: ComputeKernel): Record<string, GPUBuffer> {
    if (this.network) return { networkGradient: this.network.gradient };
    if (this.resolved.problem.kernelPath !== 'dense' || kernel !== this.kernels.step) return {};
    if (!this.denseScratch) {
      const largest = Math.max(...this.chunks.map((c) => c.count));
      const bytes = largest * this.tileCount * 16;
      this.denseScratch = {
        denseNoise: createStorageBuffer(this.device, 'Ensemble.denseNoise', bytes),
        denseProducts: createStorageBuffer(this.device, 'Ensemble.denseProducts', bytes),
      };
    }
    return this.denseScratch;
  }

  /** Metrics: one workgroup per trajectory on the dense and network paths, else one thread per item. */
  dispatchPerTrajectory(
    pass: GPUComputePassEncoder,
    kernel: ComputeKernel,
    groups: GPUBindGroup[],
    chunk: Chunk,
    perTrajectory: number,
  ): void {
    if (this.resolved.problem.kernelPath !== 'tiled') {
      const [x, y] = workgroupGrid(
        chunk.count,
        1,
        this.device.limits.maxComputeWorkgroupsPerDimension,
      );
      kernel.dispatch(pass, groups, x, y);
    } else {
      this.dispatch(pass, kernel, groups, chunk.count * perTrajectory);
    }
  }

  destroy(): void {
    const matrices = this.matrices ? Object.values(this.matrices) : [];
    const buffers = [
      this.biasWeights,
      this.diverged,
      this.hypers,
      this.problemParams,
      this.metrics,
    ];
    const scratch = this.denseScratch ? Object.values(this.denseScratch) : [];
    this.network?.destroy();
    for (const buffer of [...Object.values(this.state), ...buffers, ...matrices, ...scratch])
      buffer.destroy();
  }
}

/** Uploads L and Σ of quadratic-dense as f32 storage buffers (undefined for tiled problems). */
function denseMatrices(device: GPUDevice, resolved: ResolvedEnsemble) {
  const problem = resolved.problem as Partial<{ cholesky: Float64Array; covariance: Float64Array }>;
  if (resolved.problem.kernelPath !== 'dense' || !problem.cholesky || !problem.covariance)
    return undefined;
  return {
    denseCholesky: uploadStorage(
      device,
      'Ensemble.denseCholesky',
      Float32Array.from(problem.cholesky),
    ),
    denseCovariance: uploadStorage(
      device,
      'Ensemble.denseCovariance',
      Float32Array.from(problem.covariance),
    ),
  };
}
