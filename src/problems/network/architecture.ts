import { ParameterError } from '../../errors.ts';
import { normal4 } from '../../random/distributions.ts';
import type { Key } from '../../random/philox.ts';
import { requireInteger } from '../validate.ts';

/**
 * The networks of the finite-sum problems (docs/network.md).
 *
 * Parameters, in order, layer by layer: W_l (fanOut × fanIn, row-major), then b_l. Hidden
 * units are tanh; two classes → one output, sigmoid + binary cross-entropy; k > 2 classes →
 * k outputs, softmax + cross-entropy. `logistic` has no hidden layer.
 *
 * Initialisation draws (`initialWeights`, twin of `networkInitialWeight` in
 * shaders/problems/network.wgsl): parameter k (global index) of trajectory t is
 *   W entries: std_l · lane (k mod 4) of normal4(key, t, stepIndex 0, blockIndex ⌊k/4⌋,
 *              STREAM_NETWORK_INIT = 2),
 *   biases:    0,
 * with std_l = √(2 / (fanIn + fanOut)) (Glorot normal) or √(2 / fanIn) (He normal). Stream 2
 * is used by nothing else, so a Gaussian cloud around x0 (STREAM_INITIAL) stays independent.
 */

export type NetworkModel = 'logistic' | 'mlp';
export type InitScheme = 'glorot' | 'he';
export const INIT_SCHEMES: readonly InitScheme[] = ['glorot', 'he'];

/** The stream of the initial weights (shaders/problems/network.wgsl STREAM_NETWORK_INIT). */
export const STREAM_NETWORK_INIT = 2;

export interface NetworkArchitecture {
  readonly model: NetworkModel;
  /** [inputs, ...hidden, outputs]. */
  readonly widths: readonly number[];
  /** Number of parameters d = Σ_l fanOut_l (fanIn_l + 1). */
  readonly dimension: number;
}

/**
 * Limits of the WGSL library (shaders/problems/network.wgsl): the activations and the
 * backpropagated errors of all hidden and output units of one sample live in workgroup
 * memory (2 × NETWORK_MAX_UNITS float32 = 8 KiB, plus 256 B of scratch, within the 16 KiB
 * default maxComputeWorkgroupStorageSize, leaving room for the including kernel).
 */
export const NETWORK_MAX_UNITS = 1024;
/** Largest width of one hidden or output layer (every layer fits the unit budget). */
export const NETWORK_MAX_WIDTH = 1024;
/** Largest number of weight layers (hidden layers + 1). */
export const NETWORK_MAX_LAYERS = 16;
/** Largest number of parameters d. */
export const NETWORK_MAX_PARAMETERS = 1 << 22;

/**
 * Builds and checks an architecture: `inputs` features, `classes` ≥ 2 labels, `hidden`
 * widths (empty for logistic). Throws a ParameterError beyond the library's limits.
 *
 * @example
 * networkArchitecture('mlp', 2, 2, [16]).dimension; // 2·16 + 16 + 16 + 1 = 65
 */
export function networkArchitecture(
  model: NetworkModel,
  inputs: number,
  classes: number,
  hidden: readonly number[],
): NetworkArchitecture {
  if (model !== 'mlp' && model !== 'logistic') {
    throw new ParameterError('problem', model, 'mlp | logistic');
  }
  requireInteger('inputs', inputs, 1, 1 << 24);
  requireInteger('classes', classes, 2, NETWORK_MAX_WIDTH);
  if (model === 'logistic' && hidden.length > 0) {
    throw new ParameterError('hidden', [...hidden], 'no hidden layer for logistic (use mlp)');
  }
  if (model === 'mlp' && hidden.length === 0) {
    throw new ParameterError(
      'hidden',
      [...hidden],
      'at least one hidden width for mlp, e.g. 16,16',
    );
  }
  if (hidden.length + 1 > NETWORK_MAX_LAYERS) {
    throw new ParameterError(
      'hidden',
      [...hidden],
      `at most ${NETWORK_MAX_LAYERS - 1} hidden layers`,
    );
  }
  hidden.forEach((w, i) => requireInteger(`hidden[${i}]`, w, 1, NETWORK_MAX_WIDTH));
  const outputs = classes === 2 ? 1 : classes;
  const widths = [inputs, ...hidden, outputs];
  const units = hidden.reduce((s, w) => s + w, 0) + outputs;
  if (units > NETWORK_MAX_UNITS) {
    throw new ParameterError(
      'hidden',
      [...hidden],
      `hidden + output units ≤ ${NETWORK_MAX_UNITS} (the GPU library's workgroup memory); here ${units}`,
    );
  }
  let dimension = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    dimension += (widths[l + 1] ?? 0) * ((widths[l] ?? 0) + 1);
  }
  if (dimension > NETWORK_MAX_PARAMETERS) {
    throw new ParameterError(
      'network parameters d',
      dimension,
      `at most ${NETWORK_MAX_PARAMETERS} parameters (network ${widths.join('-')})`,
    );
  }
  return { model, widths, dimension };
}

/** Offsets of each layer's parameters: W_l starts at offsets[l], b_l at offsets[l] + fanOut·fanIn. */
export function layerOffsets(arch: NetworkArchitecture): number[] {
  const offsets = [0];
  for (let l = 0; l + 1 < arch.widths.length; l++) {
    const fanIn = arch.widths[l] ?? 0;
    const fanOut = arch.widths[l + 1] ?? 0;
    offsets.push((offsets[l] ?? 0) + fanOut * (fanIn + 1));
  }
  return offsets;
}

/** The standard deviation of the weights of layer l. */
export function initStd(arch: NetworkArchitecture, layer: number, scheme: InitScheme): number {
  const fanIn = arch.widths[layer] ?? 1;
  const fanOut = arch.widths[layer + 1] ?? 1;
  return scheme === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
}

/**
 * Initial weights of trajectory `trajectory` (draws in the header of this file).
 *
 * @example
 * initialWeights(networkArchitecture('mlp', 2, 2, [16]), 'glorot', seedKey(1), 0).length; // 65
 */
export function initialWeights(
  arch: NetworkArchitecture,
  scheme: InitScheme,
  key: Key,
  trajectory: number,
): Float64Array {
  if (scheme !== 'glorot' && scheme !== 'he') {
    throw new ParameterError('init', scheme, INIT_SCHEMES.join(' | '));
  }
  const x = new Float64Array(arch.dimension);
  const offsets = layerOffsets(arch);
  let block = -1;
  let z: number[] = [];
  for (let l = 0; l + 1 < arch.widths.length; l++) {
    const std = initStd(arch, l, scheme);
    const start = offsets[l] ?? 0;
    const weights = (arch.widths[l] ?? 0) * (arch.widths[l + 1] ?? 0);
    for (let k = start; k < start + weights; k++) {
      if (k >> 2 !== block) {
        block = k >> 2;
        z = normal4(key, trajectory, 0, block, STREAM_NETWORK_INIT);
      }
      x[k] = std * (z[k & 3] ?? 0);
    }
  }
  return x;
}
