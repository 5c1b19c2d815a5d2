import type { Key } from '../random/philox.ts';
import { createStorageBuffer, createUniformBuffer, readBuffer } from '../gpu/buffers.ts';
import { workgroupGrid } from '../gpu/grid.ts';
import type { KernelContract } from '../gpu/contract.ts';
import type { ComputeKernel } from '../gpu/kernel.ts';
import { writeStruct } from '../gpu/layout.ts';
import type { GpuSession } from '../gpu/session.ts';
import type { RandomGenerator } from '../random/generator.ts';
import { philox, random, threefry } from '../generated/wgsl/lib/index.ts';
import { randomFill } from '../generated/wgsl/kernels/index.ts';

/** The distributions of `shaders/kernels/random_fill.wgsl`, by their `DISTRIBUTION` override. */
export const Distribution = { bits: 0, uniform: 1, normal: 2, bernoulli: 3 } as const;
export type DistributionName = keyof typeof Distribution;

export const RANDOM_FILL_MODULES = [philox, random, randomFill] as const;
/** The module list of each generator (the generator module defines `counterHash`). */
export const RANDOM_FILL_MODULES_OF = {
  philox: RANDOM_FILL_MODULES,
  threefry: [threefry, random, randomFill],
} as const;
const WORKGROUP_SIZE = 64;

/** What RandomFill uses of its WGSL (checked by test/contract). */
export const RANDOM_FILL_CONTRACT: KernelContract = {
  name: 'RandomFill',
  modules: RANDOM_FILL_MODULES,
  structs: {
    RandomFillParams: ['key', 'trajectory', 'stepIndex', 'stream', 'firstBlock', 'blockCount', 'p'],
  },
  bindings: ['params', 'output'],
  overrides: ['DISTRIBUTION', 'WORKGROUP_SIZE'],
};

/** Where in the random space a fill draws from. */
export interface RandomFillRequest {
  key: Key;
  distribution: DistributionName;
  /** Number of values (a multiple of 4 is drawn; the tail is discarded). */
  count: number;
  trajectory?: number;
  step?: number;
  stream?: number;
  /** Block of value 0 (value i is lane i % 4 of block firstBlock + i / 4). */
  firstBlock?: number;
  /** Bernoulli parameter. */
  p?: number;
}

/** Draws random values on the GPU (tests, histograms); the CPU twin is src/random/distributions.ts. */
export class RandomFill {
  private constructor(private readonly kernel: ComputeKernel) {}

  /** A fill kernel of one distribution drawing with `generator` (default Philox4x32-10). */
  static async create(
    session: GpuSession,
    distribution: DistributionName,
    generator: RandomGenerator = 'philox',
  ): Promise<RandomFill> {
    const kernel = await session.kernel({
      label: `RandomFill.${distribution}${generator === 'philox' ? '' : `.${generator}`}`,
      modules: RANDOM_FILL_MODULES_OF[generator],
      constants: { DISTRIBUTION: Distribution[distribution], WORKGROUP_SIZE },
    });
    return new RandomFill(kernel);
  }

  /** Fills and reads back `count` values: u32 bits for `bits`, float32 otherwise. */
  async draw(request: RandomFillRequest): Promise<Uint32Array | Float32Array> {
    const { device } = this.kernel;
    const blockCount = Math.ceil(request.count / 4);
    const params = writeStruct(randomFill.structs.RandomFillParams, {
      key: request.key,
      trajectory: request.trajectory ?? 0,
      stepIndex: request.step ?? 0,
      stream: request.stream ?? 7,
      firstBlock: request.firstBlock ?? 0,
      blockCount,
      p: request.p ?? 0.5,
    });
    const uniform = createUniformBuffer(device, `${this.kernel.label}.params`, params);
    const output = createStorageBuffer(device, `${this.kernel.label}.output`, blockCount * 16);
    const encoder = device.createCommandEncoder({ label: `${this.kernel.label}.encoder` });
    const pass = encoder.beginComputePass({ label: `${this.kernel.label}.pass` });
    const [x, y] = workgroupGrid(
      blockCount,
      WORKGROUP_SIZE,
      device.limits.maxComputeWorkgroupsPerDimension,
    );
    this.kernel.dispatch(pass, [this.kernel.bind({ params: uniform, output })], x, y);
    pass.end();
    device.queue.submit([encoder.finish()]);
    const bytes = await readBuffer(device, output, request.count * 4);
    uniform.destroy();
    output.destroy();
    return request.distribution === 'bits' ? new Uint32Array(bytes) : new Float32Array(bytes);
  }
}
