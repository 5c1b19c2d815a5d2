import { createStorageBuffer } from '../gpu/buffers.ts';
import type { StructLayout } from '../gpu/layout.ts';
import { uploadNetworkProblem } from '../problems/network/gpuUpload.ts';
import type { ResolvedEnsemble } from './config.ts';
import { networkOf } from './networkEnsemble.ts';

/** The GPU objects of a network ensemble besides the state. */
export interface NetworkGpuData {
  /** Group 1 of the train split: ProblemParams and the packed networkData (by binding name). */
  train: Record<string, GPUBuffer>;
  /** Group 1 of the test split (the metrics kernel's accuracy pass). */
  test: Record<string, GPUBuffer>;
  /** Scratch of the step and metrics kernels: the gradient sums (largest chunk × tiles vec4). */
  gradient: GPUBuffer;
  destroy(): void;
}

/**
 * Uploads both splits of a network problem as the library's group 1 (problems/network.wgsl:
 * ProblemParams at binding 0, the packed networkData at 1; src/problems/network/gpuData.ts),
 * and allocates the gradient scratch.
 */
export function createNetworkGpuData(
  device: GPUDevice,
  resolved: ResolvedEnsemble,
  problemStruct: StructLayout,
  chunkTiles: number,
): NetworkGpuData {
  const problem = networkOf(resolved);
  const buffers: GPUBuffer[] = [];
  const group = (split: 'train' | 'test') => {
    const uploaded = uploadNetworkProblem(
      device,
      problem,
      problemStruct,
      `Ensemble.network.${split}`,
      split,
    );
    buffers.push(uploaded.params, uploaded.data);
    return uploaded.entries;
  };
  const train = group('train');
  const test = group('test');
  const gradient = createStorageBuffer(
    device,
    'Ensemble.networkGradient',
    Math.max(16, chunkTiles * 16),
  );
  buffers.push(gradient);
  return {
    train,
    test,
    gradient,
    destroy: () => {
      for (const buffer of buffers) buffer.destroy();
    },
  };
}
