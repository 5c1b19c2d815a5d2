import { createStorageBuffer, createUniformBuffer, uploadStorage } from '../gpu/buffers.ts';
import { writeStruct, type StructLayout } from '../gpu/layout.ts';
import type { NetworkProblem } from '../problems/network/network.ts';
import type { ResolvedEnsemble } from './config.ts';
import { networkOf } from './networkEnsemble.ts';

/** The GPU objects of a network ensemble besides the state. */
export interface NetworkGpuData {
  /** Group 1 of the train split: ProblemParams, widths, features, labels (by binding name). */
  train: Record<string, GPUBuffer>;
  /** Group 1 of the test split (the metrics kernel's accuracy pass). */
  test: Record<string, GPUBuffer>;
  /** Scratch of the step and metrics kernels: the gradient sums (largest chunk × tiles vec4). */
  gradient: GPUBuffer;
  destroy(): void;
}

/**
 * The library's group 1 for one split: ProblemParams (the test split's own sample count) and
 * the storage arrays by binding name (problems/network.wgsl: networkWidths, networkFeatures as
 * f32, networkLabels).
 */
export function networkGpuBindings(problem: NetworkProblem, split: 'train' | 'test') {
  const train = problem.gpuData();
  if (split === 'train')
    return {
      params: problem.gpuParams(),
      storage: {
        networkWidths: train.widths,
        networkFeatures: train.features,
        networkLabels: train.labels,
      },
    };
  const test = problem.data.test;
  return {
    params: { ...problem.gpuParams(), sampleCount: test.count },
    storage: {
      networkWidths: train.widths,
      networkFeatures: Float32Array.from(test.features),
      networkLabels: Uint32Array.from(test.labels),
    },
  };
}

/**
 * Uploads both splits of a network problem as the library's group 1 (problems/network.wgsl:
 * ProblemParams at binding 0, then the widths, the f32 features and the u32 labels), and
 * allocates the gradient scratch.
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
    const { params, storage } = networkGpuBindings(problem, split);
    const entries: Record<string, GPUBuffer> = {
      problem: createUniformBuffer(
        device,
        `Ensemble.network.${split}.problem`,
        writeStruct(problemStruct, params),
      ),
    };
    for (const [name, data] of Object.entries(storage))
      entries[name] = uploadStorage(
        device,
        `Ensemble.network.${split}.${name}`,
        data as ArrayBufferView<ArrayBuffer>,
      );
    buffers.push(...Object.values(entries));
    return entries;
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
