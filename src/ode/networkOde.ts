import { createStorageBuffer, createUniformBuffer, uploadStorage } from '../gpu/buffers.ts';
import type { StructValues, WgslModule } from '../gpu/layout.ts';
import { writeStruct } from '../gpu/layout.ts';
import { philox, random } from '../generated/wgsl/lib/index.ts';
import { tile } from '../generated/wgsl/problems/index.ts';
import type { OdeProblemGpu } from './problem.ts';

/**
 * What the ODE engine and the landscape need of a network problem (the `NetworkProblem` of
 * src/problems/network, `kernelPath: 'network'`): the library module problems/network.wgsl,
 * its `ProblemParams` values and the storage data of its bind group 1.
 */
export interface NetworkGpuSource {
  readonly name: string;
  readonly dimension: number;
  readonly module: WgslModule;
  readonly data: { readonly train: { readonly count: number } };
  gpuParams(): StructValues;
  gpuData(): { widths: Uint32Array; features: Float32Array; labels: Uint32Array };
}

/** The data buffers of problems/network.wgsl's group 1 (widths, train features, labels). */
export function networkDataBuffers(
  device: GPUDevice,
  p: NetworkGpuSource,
  label: string,
): Record<string, GPUBuffer> {
  const data = p.gpuData();
  return {
    networkWidths: uploadStorage(device, `${label}.networkWidths`, new Uint32Array(data.widths)),
    networkFeatures: uploadStorage(
      device,
      `${label}.networkFeatures`,
      new Float32Array(data.features),
    ),
    networkLabels: uploadStorage(device, `${label}.networkLabels`, new Uint32Array(data.labels)),
  };
}

/** The WGSL libraries before problems/network.wgsl (PROBLEM_LIBRARIES of problemAdapter.ts). */
export const NETWORK_LIBRARIES = [philox, random, tile];

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
    // problems/network_ode.wgsl follows, loaded on use with the kernel (odeKernels.ts).
    modules: [...NETWORK_LIBRARIES, p.module],
    coupling: 'network',
    // One step: n forward and backward passes of d weights by 64 lanes.
    stepCost: Math.max(1, Math.ceil((p.data.train.count * tiles) / 16)),
    bindings: (device, layout, trajectoryCount) => ({
      problem: createUniformBuffer(
        device,
        `Ode.problem.${p.name}`,
        writeStruct(layout.struct('ProblemParams'), p.gpuParams()),
      ),
      ...networkDataBuffers(device, p, 'Ode.problem'),
      networkOdeCache: createStorageBuffer(
        device,
        'Ode.problem.networkOdeCache',
        trajectoryCount * NETWORK_ODE_BLOCKS * 4 * tiles * 4,
      ),
    }),
  };
}
