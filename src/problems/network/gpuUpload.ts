import { ParameterError } from '../../errors.ts';
import { createUniformBuffer, uploadStorage } from '../../gpu/buffers.ts';
import { writeStruct, type StructLayout } from '../../gpu/layout.ts';
import type { NetworkPacked } from './gpuData.ts';

/** What the uploader needs of a network problem (`NetworkProblem` has it). */
export interface NetworkUploadSource {
  /** The packed data of a split (gpuData.ts, `networkSplitData`). */
  gpuPacked(split?: 'train' | 'test'): NetworkPacked;
  readonly data: { readonly train: { readonly inputs: number } };
}

/** A network problem's group 1 on the GPU: the `problem` uniform and `networkData`. */
export interface NetworkProblemBuffers {
  readonly params: GPUBuffer;
  readonly data: GPUBuffer;
  /** The buffers by binding name (problem, networkData), for `kernel.bind(entries, 1)`. */
  readonly entries: Record<string, GPUBuffer>;
  destroy(): void;
}

/**
 * Uploads a network problem's group 1 (uniform ProblemParams and the packed `networkData`) of
 * one split: the ONE uploader of every kernel that includes shaders/problems/network.wgsl.
 * `struct` is the kernel's ProblemParams layout (e.g. `network.structs.ProblemParams` of the
 * generated module; taken as an argument so that this file does not pull the WGSL text in).
 * Refuses data larger than the device's maxStorageBufferBindingSize with a ParameterError
 * naming it, before any buffer is made.
 */
export function uploadNetworkProblem(
  device: GPUDevice,
  problem: NetworkUploadSource,
  struct: StructLayout,
  label = 'network',
  split: 'train' | 'test' = 'train',
): NetworkProblemBuffers {
  const { params: values, data: words } = problem.gpuPacked(split);
  const limit = device.limits.maxStorageBufferBindingSize;
  if (words.byteLength > limit) {
    throw new ParameterError(
      `${label}: ${split} samples × inputs`,
      `${values.sampleCount} × ${problem.data.train.inputs}`,
      `at most ${limit} bytes of packed widths, labels and float32 features (this device's maxStorageBufferBindingSize); here ${words.byteLength}`,
    );
  }
  const params = createUniformBuffer(device, `${label}.problem`, writeStruct(struct, values));
  const data = uploadStorage(device, `${label}.networkData`, words);
  return {
    params,
    data,
    entries: { problem: params, networkData: data },
    destroy() {
      params.destroy();
      data.destroy();
    },
  };
}
