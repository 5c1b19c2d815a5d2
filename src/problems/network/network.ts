import { ParameterError } from '../../errors.ts';
import { randomBits, Stream } from '../../random/distributions.ts';
import { mulHi32, type Key } from '../../random/philox.ts';
import { network as wgsl } from '../../generated/wgsl/problems/index.ts';
import type { ProblemDescriptor } from '../types.ts';
import { requireInteger } from '../validate.ts';
import {
  initialWeights,
  layerOffsets,
  networkArchitecture,
  type InitScheme,
  type NetworkArchitecture,
  type NetworkModel,
} from './architecture.ts';
import { networkSplitData, type NetworkPacked } from './gpuData.ts';
import { loadDataset, type Dataset, type DatasetSpec, type DatasetSplit } from './dataset.ts';

/**
 * The finite-sum problems `mlp` and `logistic` in float64, twin of
 * shaders/problems/network.wgsl (docs/network.md).
 *
 * F(x) = (1/n) Σ_j ℓ_j(x) over the n samples of the TRAIN split; ℓ_j is the binary
 * cross-entropy of the sigmoid output (two classes) or the cross-entropy of the softmax
 * (k > 2 classes). value, meanGradient and secondMoment are exact sums over the train split:
 * S(x) = (1/n) Σ_j (∇ℓ_j)² per coordinate, and secondMoment returns the mini-batch
 * S_B = (∇F)² + (S − (∇F)²)/B (docs/math.md section 6 item 7).
 *
 * Mini-batch draws (`batchIndices`, twin of `networkBatchIndex` in the WGSL): sample b of the
 * batch (b = 0 … B−1) at (key, trajectory, stepIndex) is
 *   j_b = mulhi32(u32 lane (b mod 4) of randomBits(key, trajectory, stepIndex, ⌊b/4⌋,
 *         STREAM_GRADIENT), n) = ⌊bits · n / 2^32⌋,
 * uniform on 0 … n−1 up to n/2^32, drawn with replacement, computed exactly in integers on both
 * sides. gradientSample is the mean of ∇ℓ_{j_b} over the batch.
 */
export interface NetworkProblemSpec {
  name: NetworkModel;
  /** The data (default: moons with its defaults); ignored when `data` is given. */
  dataset?: DatasetSpec;
  /** A prebuilt split (e.g. from loadDatasetAsync); takes precedence over `dataset`. */
  data?: DatasetSplit;
  /** Hidden widths (mlp; default [16]); must be empty or absent for logistic. */
  hidden?: readonly number[];
  /** Mini-batch size B ≥ 1 (default 1). */
  batch?: number;
  /** Initialisation scheme (default glorot). */
  init?: InitScheme;
}

/** The mean field at one point: F, ∇F, S and S_B. */
export interface NetworkFieldValues {
  value: number;
  gradient: Float64Array;
  /** S = (1/n) Σ_j (∇ℓ_j)². */
  secondMoment: Float64Array;
  /** S_B = (∇F)² + (S − (∇F)²)/B. */
  batchSecondMoment: Float64Array;
}

export interface NetworkProblem extends ProblemDescriptor {
  readonly name: NetworkModel;
  readonly kernelPath: 'network';
  readonly architecture: NetworkArchitecture;
  readonly data: DatasetSplit;
  readonly batch: number;
  readonly init: InitScheme;
  /** ℓ_j(x) of train sample j. */
  lossSample(x: Float64Array, j: number): number;
  /** ∇ℓ_j(x) into `out` (length d); returns ℓ_j(x). */
  gradientOfSample(x: Float64Array, j: number, out: Float64Array): number;
  /** Mean loss over a split. */
  loss(x: Float64Array, split: 'train' | 'test'): number;
  /** Fraction of a split classified correctly (argmax; two classes: output > 0 ⇔ class 1). */
  accuracy(x: Float64Array, split: 'train' | 'test'): number;
  /** ‖∇F(x)‖. */
  meanGradientNorm(x: Float64Array): number;
  /** F, ∇F, S and S_B in one pass over the train split. */
  meanField(x: Float64Array): NetworkFieldValues;
  /** The B train indices of the mini-batch at (key, trajectory, stepIndex). */
  batchIndices(key: Key, trajectory: number, stepIndex: number): Uint32Array;
  /** Seeded initial weights of one trajectory (architecture.ts). */
  initialWeights(key: Key, trajectory: number): Float64Array;
  /** The storage data of the WGSL library: layer widths, train features (f32), labels. */
  gpuData(): {
    widths: Uint32Array<ArrayBuffer>;
    features: Float32Array<ArrayBuffer>;
    labels: Uint32Array<ArrayBuffer>;
  };
  /**
   * The uniform values and the packed `networkData` of a split for the WGSL library (the one
   * packer, gpuData.ts; the test split has its own sampleCount).
   */
  gpuPacked(split?: 'train' | 'test'): NetworkPacked;
}

/** Largest mini-batch size. */
export const MAX_BATCH = 1 << 16;

/**
 * Builds an `mlp` or `logistic` problem (data loaded synchronously: for digits, call
 * `preloadDigits()` first or pass `data` from `loadDatasetAsync`).
 *
 * @example
 * const p = createNetworkProblem({ name: 'mlp', dataset: { name: 'moons', samples: 100 }, hidden: [16] });
 * p.dimension; // 65
 */
export function createNetworkProblem(spec: NetworkProblemSpec): NetworkProblem {
  const data = spec.data ?? loadDataset(spec.dataset ?? { name: 'moons' });
  const train = data.train;
  const hidden = spec.hidden ?? (spec.name === 'mlp' ? [16] : []);
  const arch = networkArchitecture(spec.name, train.inputs, train.classes, hidden);
  const batch = requireInteger('batch', spec.batch ?? 1, 1, MAX_BATCH);
  const init = spec.init ?? 'glorot';
  if (init !== 'glorot' && init !== 'he') throw new ParameterError('init', init, 'glorot | he');
  const d = arch.dimension;
  const widths = arch.widths;
  const layers = widths.length - 1;
  const offsets = layerOffsets(arch);
  const outputs = widths[layers] ?? 1;
  const units = widths.slice(1).reduce((s, w) => s + w, 0);
  // unitOffset[l]: where layer l's outputs start in `act` / `delta`.
  const unitOffset = [0];
  for (let l = 0; l < layers; l++) unitOffset.push((unitOffset[l] ?? 0) + (widths[l + 1] ?? 0));
  const act = new Float64Array(units);
  const delta = new Float64Array(units);
  const outOffset = unitOffset[layers - 1] ?? 0;

  /** Forward pass of sample j of `set`; returns its loss, leaves activations in `act`. */
  const forward = (x: Float64Array, set: Dataset, j: number): number => {
    const inputs = set.inputs;
    for (let l = 0; l < layers; l++) {
      const fanIn = widths[l] ?? 0;
      const fanOut = widths[l + 1] ?? 0;
      const w = offsets[l] ?? 0;
      const bias = w + fanOut * fanIn;
      const inOff = l === 0 ? j * inputs : (unitOffset[l - 1] ?? 0);
      const input = l === 0 ? set.features : act;
      const last = l === layers - 1;
      for (let u = 0; u < fanOut; u++) {
        let sum = x[bias + u] ?? 0;
        const row = w + u * fanIn;
        for (let i = 0; i < fanIn; i++) sum += (x[row + i] ?? 0) * (input[inOff + i] ?? 0);
        act[(unitOffset[l] ?? 0) + u] = last ? sum : Math.tanh(sum);
      }
    }
    const label = set.labels[j] ?? 0;
    if (outputs === 1) {
      const z = act[outOffset] ?? 0;
      return Math.max(z, 0) - z * label + Math.log1p(Math.exp(-Math.abs(z)));
    }
    let m = -Infinity;
    for (let u = 0; u < outputs; u++) m = Math.max(m, act[outOffset + u] ?? 0);
    let s = 0;
    for (let u = 0; u < outputs; u++) s += Math.exp((act[outOffset + u] ?? 0) - m);
    return m + Math.log(s) - (act[outOffset + label] ?? 0);
  };

  const correct = (set: Dataset, j: number): boolean => {
    const label = set.labels[j] ?? 0;
    if (outputs === 1) return ((act[outOffset] ?? 0) > 0 ? 1 : 0) === label;
    let best = 0;
    for (let u = 1; u < outputs; u++) {
      if ((act[outOffset + u] ?? 0) > (act[outOffset + best] ?? 0)) best = u;
    }
    return best === label;
  };

  /** Backward pass after `forward`; writes ∇ℓ_j into `out`. */
  const backward = (x: Float64Array, set: Dataset, j: number, out: Float64Array): void => {
    const label = set.labels[j] ?? 0;
    if (outputs === 1) {
      const z = act[outOffset] ?? 0;
      delta[outOffset] = 1 / (1 + Math.exp(-z)) - label;
    } else {
      let m = -Infinity;
      for (let u = 0; u < outputs; u++) m = Math.max(m, act[outOffset + u] ?? 0);
      let s = 0;
      for (let u = 0; u < outputs; u++) s += Math.exp((act[outOffset + u] ?? 0) - m);
      for (let u = 0; u < outputs; u++) {
        delta[outOffset + u] = Math.exp((act[outOffset + u] ?? 0) - m) / s - (u === label ? 1 : 0);
      }
    }
    for (let l = layers - 2; l >= 0; l--) {
      const fanOut = widths[l + 1] ?? 0;
      const nextOut = widths[l + 2] ?? 0;
      const next = offsets[l + 1] ?? 0;
      const off = unitOffset[l] ?? 0;
      const nextOff = unitOffset[l + 1] ?? 0;
      for (let u = 0; u < fanOut; u++) {
        let sum = 0;
        for (let v = 0; v < nextOut; v++) {
          sum += (x[next + v * fanOut + u] ?? 0) * (delta[nextOff + v] ?? 0);
        }
        const a = act[off + u] ?? 0;
        delta[off + u] = sum * (1 - a * a);
      }
    }
    const inputs = set.inputs;
    for (let l = 0; l < layers; l++) {
      const fanIn = widths[l] ?? 0;
      const fanOut = widths[l + 1] ?? 0;
      const w = offsets[l] ?? 0;
      const inOff = l === 0 ? j * inputs : (unitOffset[l - 1] ?? 0);
      const input = l === 0 ? set.features : act;
      const off = unitOffset[l] ?? 0;
      for (let v = 0; v < fanOut; v++) {
        const dv = delta[off + v] ?? 0;
        const row = w + v * fanIn;
        for (let i = 0; i < fanIn; i++) out[row + i] = dv * (input[inOff + i] ?? 0);
        out[w + fanOut * fanIn + v] = dv;
      }
    }
  };

  const checkPoint = (x: Float64Array) => {
    if (x.length !== d) throw new ParameterError('x.length', x.length, `the dimension ${d}`);
  };
  const checkSample = (j: number) => requireInteger('sample', j, 0, train.count - 1);
  const splitOf = (split: 'train' | 'test') => (split === 'test' ? data.test : data.train);

  const meanField = (x: Float64Array): NetworkFieldValues => {
    checkPoint(x);
    const n = train.count;
    const g = new Float64Array(d);
    const s = new Float64Array(d);
    const sample = new Float64Array(d);
    let value = 0;
    for (let j = 0; j < n; j++) {
      value += forward(x, train, j);
      backward(x, train, j, sample);
      for (let k = 0; k < d; k++) {
        const v = sample[k] ?? 0;
        g[k] = (g[k] ?? 0) + v;
        s[k] = (s[k] ?? 0) + v * v;
      }
    }
    const batchS = new Float64Array(d);
    for (let k = 0; k < d; k++) {
      const gk = (g[k] ?? 0) / n;
      const sk = (s[k] ?? 0) / n;
      g[k] = gk;
      s[k] = sk;
      batchS[k] = gk * gk + (sk - gk * gk) / batch;
    }
    return { value: value / n, gradient: g, secondMoment: s, batchSecondMoment: batchS };
  };

  const batchIndices = (key: Key, trajectory: number, stepIndex: number): Uint32Array => {
    const indices = new Uint32Array(batch);
    for (let b = 0; b < batch; b++) {
      const bits = randomBits(key, trajectory, stepIndex, b >> 2, Stream.gradient)[b & 3] ?? 0;
      indices[b] = mulHi32(bits, train.count);
    }
    return indices;
  };

  let scale = 0;
  for (let j = 0; j < train.count; j++) {
    let norm = 1;
    for (let i = 0; i < train.inputs; i++) norm += (train.features[j * train.inputs + i] ?? 0) ** 2;
    scale += norm / train.count;
  }

  return {
    name: spec.name,
    dimension: d,
    module: wgsl,
    kernelPath: 'network',
    // A rough scale of the curvature (¼ E‖(a, 1)‖², exact bound for logistic with two classes,
    // times the number of layers): used for tolerances, not a proven bound for the mlp.
    lipschitz: 0.25 * scale * layers,
    architecture: arch,
    data,
    batch,
    init,
    gpuParams: () => ({
      dimension: d,
      inputs: train.inputs,
      outputs,
      layerCount: layers,
      sampleCount: train.count,
      batch,
      classes: train.classes,
      units,
      initScheme: init === 'he' ? 1 : 0,
    }),
    gpuData: () => ({
      widths: Uint32Array.from(widths),
      features: Float32Array.from(train.features),
      labels: Uint32Array.from(train.labels),
    }),
    gpuPacked(split = 'train') {
      return networkSplitData(this, split);
    },
    lossSample(x, j) {
      checkPoint(x);
      return forward(x, train, checkSample(j));
    },
    gradientOfSample(x, j, out) {
      checkPoint(x);
      const loss = forward(x, train, checkSample(j));
      backward(x, train, j, out);
      return loss;
    },
    loss(x, split) {
      checkPoint(x);
      const set = splitOf(split);
      let sum = 0;
      for (let j = 0; j < set.count; j++) sum += forward(x, set, j);
      return set.count > 0 ? sum / set.count : NaN;
    },
    accuracy(x, split) {
      checkPoint(x);
      const set = splitOf(split);
      let hits = 0;
      for (let j = 0; j < set.count; j++) {
        forward(x, set, j);
        if (correct(set, j)) hits++;
      }
      return set.count > 0 ? hits / set.count : NaN;
    },
    meanGradientNorm(x) {
      return Math.sqrt(meanField(x).gradient.reduce((s, v) => s + v * v, 0));
    },
    meanField,
    value(x) {
      checkPoint(x);
      let sum = 0;
      for (let j = 0; j < train.count; j++) sum += forward(x, train, j);
      return sum / train.count;
    },
    meanGradient: (x) => meanField(x).gradient,
    secondMoment: (x) => meanField(x).batchSecondMoment,
    gradientSample(x, key, trajectory, stepIndex) {
      checkPoint(x);
      const indices = batchIndices(key, trajectory, stepIndex);
      const mean = new Float64Array(d);
      const sample = new Float64Array(d);
      for (const j of indices) {
        forward(x, train, j);
        backward(x, train, j, sample);
        for (let k = 0; k < d; k++) mean[k] = (mean[k] ?? 0) + (sample[k] ?? 0) / batch;
      }
      return mean;
    },
    batchIndices,
    initialWeights: (key, trajectory) => initialWeights(arch, init, key, trajectory),
    criticalDistanceSq(x) {
      const g = meanField(x).gradient;
      return g.reduce((s, v) => s + v * v, 0);
    },
    project: () => undefined,
  };
}
