import { createStorageBuffer, createUniformBuffer } from '../gpu/buffers.ts';
import type { ShaderInterface, StructValues, WgslModule } from '../gpu/layout.ts';
import { writeStruct } from '../gpu/layout.ts';
import { networkOde } from '../generated/wgsl/problems/index.ts';
import type { OdeProblemGpu } from './problem.ts';
import { PROBLEM_LIBRARIES } from './problemAdapter.ts';

/**
 * What the ODE engine needs of a network problem (src/problems/network, `kernelPath:
 * 'network'`): the library module problems/network.wgsl, its `ProblemParams` values, and the
 * other buffers of its bind group 1 (layer widths, train features and labels), by binding name.
 */
export interface NetworkGpuSource {
  readonly name: string;
  readonly dimension: number;
  readonly module: WgslModule;
  /** Samples of the train split (n of the sums). */
  readonly sampleCount: number;
  gpuParams(): StructValues;
  /** The data buffers of group 1 besides `problem` (binding name → buffer). */
  gpuBuffers(device: GPUDevice, layout: ShaderInterface): Record<string, GPUBuffer>;
}

/** Floats of the per-trajectory cache of problems/network_ode.wgsl (NETWORK_BLOCKS blocks). */
const NETWORK_ODE_BLOCKS = 6;

/**
 * The GPU side of the network's ADAM ODE: a workgroup of 64 lanes per trajectory
 * (kernels/ode_network_fixed_step.wgsl) computes F, ∇F and S_B as exact sums over the train
 * split at every stage, with the library problems/network.wgsl.
 */
export function networkOdeGpu(p: NetworkGpuSource): OdeProblemGpu {
  const tiles = Math.ceil(p.dimension / 4);
  return {
    modules: [...PROBLEM_LIBRARIES, p.module, networkOde],
    coupling: 'network',
    // One step: n forward and backward passes of d weights by 64 lanes.
    stepCost: Math.max(1, Math.ceil((p.sampleCount * tiles) / 16)),
    bindings: (device, layout, trajectoryCount) => ({
      problem: createUniformBuffer(
        device,
        `Ode.problem.${p.name}`,
        writeStruct(layout.struct('ProblemParams'), p.gpuParams()),
      ),
      ...p.gpuBuffers(device, layout),
      networkOdeCache: createStorageBuffer(
        device,
        'Ode.problem.networkOdeCache',
        trajectoryCount * NETWORK_ODE_BLOCKS * 4 * tiles * 4,
      ),
    }),
  };
}
