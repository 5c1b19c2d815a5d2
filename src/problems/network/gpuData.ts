import { ParameterError } from '../../errors.ts';
import type { StructValues } from '../../gpu/layout.ts';

/**
 * The GPU data of a network problem, packed for shaders/problems/network.wgsl: ONE read-only
 * storage buffer `networkData: array<u32>` beside the `problem` uniform (group 1). One binding
 * instead of three keeps the ensemble's step kernel within 9 storage buffers per shader stage
 * (Chrome's SwiftShader allows 10, WebGPU's default is 8). Every kernel that includes the
 * library (ensemble step and metrics, mean field, landscape, ODE, probe) binds this: packed
 * here (`NetworkProblem.gpuPacked`), uploaded by `uploadNetworkProblem` (gpuUpload.ts) alone.
 * (Two files so that the engines, which every figure loads, carry the small uploader and not
 * the packer, which loads with the network twin.)
 *
 * Layout, in 32-bit words (L = layerCount, n = sampleCount of the bound split):
 *   [0, L]                    widths [inputs, hidden..., outputs]    u32
 *   [L + 1, L + 1 + n)        labels                                 u32
 *   [L + 1 + n, + n·inputs)   features, n × inputs row-major         f32 bits
 * The offsets follow from the uniform's layerCount and sampleCount, so there is no header.
 * Features are float32-representable (dataset.ts rounds them), so the bits are exact and the
 * float64 twin sees the same values.
 */

/** Word offsets of the packed network data (see the module comment). */
export interface NetworkDataLayout {
  readonly widths: number;
  readonly labels: number;
  readonly features: number;
  /** Total words. */
  readonly words: number;
}

/** The layout for `layerCount` weight layers, `sampleCount` samples of `inputs` features. */
export function networkDataLayout(
  layerCount: number,
  sampleCount: number,
  inputs: number,
): NetworkDataLayout {
  const labels = layerCount + 1;
  const features = labels + sampleCount;
  return { widths: 0, labels, features, words: features + sampleCount * inputs };
}

/** The arrays of one split: widths (layer boundaries), features (n × inputs), labels (n). */
export interface NetworkSplitArrays {
  readonly widths: ArrayLike<number>;
  readonly features: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
}

/** Packs one split into the words of `networkData` (features as their float32 bits). */
export function packNetworkData(arrays: NetworkSplitArrays): Uint32Array<ArrayBuffer> {
  const { widths, features, labels } = arrays;
  const inputs = widths[0] ?? 0;
  if (widths.length < 2 || features.length !== labels.length * inputs)
    throw new ParameterError(
      'network data: features.length',
      features.length,
      `labels.length × widths[0] = ${labels.length} × ${inputs} (2+ widths)`,
    );
  // widths at 0, labels at L + 1 = widths.length, features after them (networkDataLayout).
  const words = new Uint32Array(widths.length + labels.length + features.length);
  words.set(widths);
  words.set(labels, widths.length);
  // Float32Array.set rounds to float32: exact, the features are float32-representable.
  new Float32Array(words.buffer).set(features, widths.length + labels.length);
  return words;
}

/** The uniform values and packed words of one split. */
export interface NetworkPacked {
  readonly params: StructValues;
  readonly data: Uint32Array<ArrayBuffer>;
}

/** What the packer needs of a network problem (`NetworkProblem` has it). */
export interface NetworkDataSource {
  gpuParams(): StructValues;
  gpuData(): NetworkSplitArrays;
  readonly data: {
    readonly train: { readonly count: number; readonly inputs: number };
    readonly test: {
      readonly features: ArrayLike<number>;
      readonly labels: ArrayLike<number>;
    };
  };
}

/**
 * The uniform values and packed words of one split: the train split as `gpuData()`, or the
 * test split (its own sampleCount, the same widths) for the ensemble's accuracy pass.
 */
export function networkSplitData(
  source: NetworkDataSource,
  split: 'train' | 'test' = 'train',
): NetworkPacked {
  const train = source.gpuData();
  const arrays = split === 'test' ? { ...source.data.test, widths: train.widths } : train;
  return {
    params: { ...source.gpuParams(), sampleCount: arrays.labels.length },
    data: packNetworkData(arrays),
  };
}
