import { createStorageBuffer } from '../gpu/buffers.ts';
import type { StructLayout, StructValues, WgslModule } from '../gpu/layout.ts';
import type { NetworkPacked } from '../problems/network/gpuData.ts';
import type { uploadNetworkProblem } from '../problems/network/gpuUpload.ts';
import { philox, random } from '../generated/wgsl/lib/index.ts';
import { tile } from '../generated/wgsl/problems/index.ts';
import type { OdeProblemGpu } from './problem.ts';

/**
 * What the ODE engine and the landscape need of a network problem (the `NetworkProblem` of
 * src/problems/network, `kernelPath: 'network'`): the library module problems/network.wgsl,
 * its `ProblemParams` values and the data of its bind group 1 (packed by gpuData.ts).
 */
export interface NetworkGpuSource {
  readonly name: string;
  readonly dimension: number;
  readonly module: WgslModule;
  readonly data: { readonly train: { readonly count: number; readonly inputs: number } };
  gpuParams(): StructValues;
  gpuPacked(split?: 'train' | 'test'): NetworkPacked;
}

/**
 * The one uploader of the network's data (src/problems/network/gpuUpload.ts), given by
 * `loadCoupledOdeModules('network')` (odeKernels.ts) with the network ODE's WGSL: pages that
 * never integrate a network's ODE on the GPU do not carry it.
 */
let uploader: typeof uploadNetworkProblem | undefined;

/** Called by the ODE kernels' loader (odeKernels.ts) when it loads the network ODE. */
export function provideNetworkUploader(upload: typeof uploadNetworkProblem): void {
  uploader = upload;
}

/**
 * Group 1 of problems/network.wgsl for the train split, by binding name: the `problem` uniform
 * and the packed `networkData` (the one uploader, src/problems/network/gpuUpload.ts; loaded with
 * the network ODE's kernels, which are built before their bindings).
 */
export function networkDataBuffers(
  device: GPUDevice,
  p: NetworkGpuSource,
  label: string,
  struct: StructLayout,
): Record<string, GPUBuffer> {
  if (!uploader)
    throw new Error(
      "networkDataBuffers: the network ODE is not loaded (await loadCoupledOdeModules('network'))",
    );
  return uploader(device, p, struct, label).entries;
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
      ...networkDataBuffers(device, p, `Ode.problem.${p.name}`, layout.struct('ProblemParams')),
      networkOdeCache: createStorageBuffer(
        device,
        'Ode.problem.networkOdeCache',
        trajectoryCount * NETWORK_ODE_BLOCKS * 4 * tiles * 4,
      ),
    }),
  };
}
