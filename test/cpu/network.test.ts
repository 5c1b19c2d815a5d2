import { describe, expect, it } from 'vitest';
import { seedKey } from '../../src/random/distributions.ts';
import {
  initialWeights,
  networkArchitecture,
  NETWORK_MAX_UNITS,
} from '../../src/problems/network/architecture.ts';
import { loadDataset } from '../../src/problems/network/dataset.ts';
import { createNetworkProblem, type NetworkProblem } from '../../src/problems/network/network.ts';
import { ParameterError } from '../../src/errors.ts';
import { uploadNetworkProblem } from '../../src/problems/network/gpuUpload.ts';
import { network } from '../../src/generated/wgsl/problems/index.ts';

/**
 * Per-sample gradients of the float64 twin against central finite differences.
 *
 * Tolerance: the central difference (ℓ(x + h e_k) − ℓ(x − h e_k)) / 2h has truncation error
 * h²/6 · |∂³ℓ| and rounding error ≈ u·|ℓ| / h (u = 2^-53). With h = 1e-5, standardised
 * inputs (|a| ≲ 4) and weights O(1), the third derivatives are O(10²) at most, so the
 * truncation is ≲ 2e-9 and the rounding ≲ 1e-16 · 10 / 1e-5 = 1e-10: we allow
 * 1e-7 · (1 + |g|), two orders of headroom.
 */
const H = 1e-5;
const tolerance = (g: number) => 1e-7 * (1 + Math.abs(g));

function checkSampleGradients(problem: NetworkProblem, x: Float64Array, samples: number[]) {
  const d = problem.dimension;
  const g = new Float64Array(d);
  for (const j of samples) {
    const loss = problem.gradientOfSample(x, j, g);
    expect(loss).toBeCloseTo(problem.lossSample(x, j), 14);
    for (let k = 0; k < d; k++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[k] = (plus[k] ?? 0) + H;
      minus[k] = (minus[k] ?? 0) - H;
      const fd = (problem.lossSample(plus, j) - problem.lossSample(minus, j)) / (2 * H);
      const error = Math.abs(fd - (g[k] ?? 0));
      expect(error, `sample ${j} coordinate ${k}: fd ${fd} analytic ${g[k]}`).toBeLessThan(
        tolerance(fd),
      );
    }
  }
}

describe('network twin (float64)', () => {
  it('logistic regression (moons): per-sample gradients = finite differences', () => {
    const p = createNetworkProblem({
      name: 'logistic',
      dataset: { name: 'moons', samples: 40, dataSeed: 3 },
    });
    expect(p.dimension).toBe(3);
    const x = Float64Array.of(0.7, -1.2, 0.3);
    checkSampleGradients(p, x, [0, 5, 17]);
  });

  it('mlp 2-5-4-1 (xor) and softmax mlp 3-6-4 (blobs): per-sample gradients = finite differences', () => {
    const xorNet = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'xor', samples: 30, dataSeed: 1 },
      hidden: [5, 4],
    });
    expect(xorNet.dimension).toBe(5 * 3 + 4 * 6 + 5);
    checkSampleGradients(
      xorNet,
      xorNet.initialWeights(seedKey(2), 0).map((v) => v + 0.1),
      [0, 9],
    );
    const blobNet = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'blobs', samples: 30, classes: 4, inputs: 3, dataSeed: 5 },
      hidden: [6],
      init: 'he',
    });
    expect(blobNet.architecture.widths).toEqual([3, 6, 4]);
    const x = blobNet.initialWeights(seedKey(7), 3).map((v, i) => v + 0.05 * Math.sin(i));
    checkSampleGradients(blobNet, x, [1, 11]);
    const logistic3 = createNetworkProblem({
      name: 'logistic',
      dataset: { name: 'blobs', samples: 20, classes: 3, dataSeed: 2 },
    });
    checkSampleGradients(
      logistic3,
      new Float64Array(9).map((_, i) => 0.2 * i - 0.8),
      [0, 4],
    );
  });

  it('value, ∇F, S, S_B are the sums over the train split; gradientSample is the batch mean', () => {
    const p = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'moons', samples: 50, dataSeed: 4 },
      hidden: [4],
      batch: 3,
    });
    const x = p.initialWeights(seedKey(1), 0);
    const n = p.data.train.count;
    expect(n).toBe(40);
    const g = new Float64Array(p.dimension);
    const mean = new Float64Array(p.dimension);
    const second = new Float64Array(p.dimension);
    let value = 0;
    for (let j = 0; j < n; j++) {
      value += p.gradientOfSample(x, j, g) / n;
      g.forEach((v, k) => {
        mean[k] = (mean[k] ?? 0) + v / n;
        second[k] = (second[k] ?? 0) + (v * v) / n;
      });
    }
    const field = p.meanField(x);
    expect(field.value).toBeCloseTo(value, 13);
    expect(p.value(x)).toBeCloseTo(value, 13);
    expect(p.loss(x, 'train')).toBeCloseTo(value, 13);
    for (let k = 0; k < p.dimension; k++) {
      const gk = mean[k] ?? 0;
      expect(field.gradient[k]).toBeCloseTo(gk, 13);
      expect(field.secondMoment[k]).toBeCloseTo(second[k] ?? 0, 13);
      expect(p.secondMoment(x)[k]).toBeCloseTo(gk * gk + ((second[k] ?? 0) - gk * gk) / 3, 13);
    }
    expect(p.meanGradientNorm(x) ** 2).toBeCloseTo(p.criticalDistanceSq(x), 13);
    // gradientSample = mean over the drawn batch
    const key = seedKey('batch');
    const indices = p.batchIndices(key, 5, 7);
    expect(indices.length).toBe(3);
    const expected = new Float64Array(p.dimension);
    for (const j of indices) {
      expect(j).toBeLessThan(n);
      p.gradientOfSample(x, j, g);
      g.forEach((v, k) => (expected[k] = (expected[k] ?? 0) + v / 3));
    }
    const sample = p.gradientSample(x, key, 5, 7);
    sample.forEach((v, k) => expect(v).toBeCloseTo(expected[k] ?? 0, 14));
    // the indices cover 0..n-1 roughly uniformly (2000 steps × 3 draws over 40 samples)
    const counts = new Uint32Array(n);
    for (let s = 0; s < 2000; s++)
      for (const j of p.batchIndices(key, 0, s)) counts[j] = (counts[j] ?? 0) + 1;
    // expected 150 per index, sd ≈ 12: 6 sd bounds
    for (const c of counts) expect(Math.abs(c - 150)).toBeLessThan(6 * Math.sqrt(150));
  });

  it('accuracy and loss at zero weights (argmax convention: output 0 ⇒ class 0)', () => {
    const p = createNetworkProblem({
      name: 'logistic',
      dataset: { name: 'moons', samples: 100, noise: 0.05 },
    });
    const x = new Float64Array(3);
    // all-zero weights: output 0 ⇒ predicted class 0 for everyone
    const zeros = p.data.train.labels.filter((l) => l === 0).length / p.data.train.count;
    expect(p.accuracy(x, 'train')).toBeCloseTo(zeros, 14);
    expect(p.loss(x, 'test')).toBeCloseTo(Math.log(2), 14);
  });

  it('initial weights: Glorot and He scales, biases zero, deterministic per (key, trajectory)', () => {
    const arch = networkArchitecture('mlp', 64, 10, [32]);
    expect(arch.dimension).toBe(64 * 32 + 32 + 32 * 10 + 10);
    const a = initialWeights(arch, 'glorot', seedKey(1), 4);
    expect(initialWeights(arch, 'glorot', seedKey(1), 4)).toEqual(a);
    expect(initialWeights(arch, 'glorot', seedKey(1), 5)).not.toEqual(a);
    const he = initialWeights(arch, 'he', seedKey(1), 4);
    // same normals, different scale
    expect((he[0] ?? 0) / (a[0] ?? 1)).toBeCloseTo(Math.sqrt(2 / 64) / Math.sqrt(2 / 96), 12);
    const w1 = a.subarray(0, 64 * 32);
    const variance = w1.reduce((s, v) => s + v * v, 0) / w1.length;
    // 2048 normals: variance within 5 standard errors (sqrt(2/2048) relative)
    expect(Math.abs(variance / (2 / 96) - 1)).toBeLessThan(5 * Math.sqrt(2 / 2048));
    expect(Array.from(a.subarray(64 * 32, 64 * 32 + 32))).toEqual(new Array(32).fill(0));
  });

  it('refuses networks beyond the library limits and bad options', () => {
    expect(() => networkArchitecture('mlp', 2, 2, [NETWORK_MAX_UNITS])).toThrow(ParameterError);
    expect(() => networkArchitecture('mlp', 2, 2, [600, 600])).toThrow(/units ≤ 1024/);
    expect(() => networkArchitecture('logistic', 2, 2, [4])).toThrow(/no hidden layer/);
    expect(() => networkArchitecture('mlp', 2, 2, [])).toThrow(/at least one hidden/);
    expect(() => networkArchitecture('mlp', 2, 2, [0])).toThrow(/hidden\[0\]/);
    expect(() => networkArchitecture('mlp', 2, 2, new Array<number>(16).fill(2))).toThrow(
      /at most 15 hidden layers/,
    );
    expect(() =>
      createNetworkProblem({ name: 'mlp', dataset: { name: 'xor', samples: 10 }, batch: 0 }),
    ).toThrow(/batch/);
    const data = loadDataset({ name: 'xor', samples: 10 });
    const p = createNetworkProblem({ name: 'logistic', data });
    expect(() => p.value(new Float64Array(2))).toThrow(/x.length/);
  });

  it('n beyond the device limit: refused before any GPU buffer is made', () => {
    const p = createNetworkProblem({ name: 'logistic', dataset: { name: 'xor', samples: 100 } });
    // A device whose storage bindings hold 256 bytes: the packed data (2 widths, 80 labels,
    // 80 train samples × 2 inputs: 242 words) does not fit.
    const device = { limits: { maxStorageBufferBindingSize: 256 } } as unknown as GPUDevice;
    expect(() => uploadNetworkProblem(device, p, network.structs.ProblemParams)).toThrow(
      /network: train samples × inputs = "80 × 2": allowed at most 256 bytes of packed widths, labels and float32 features \(this device's maxStorageBufferBindingSize\); here 968/,
    );
  });
});
