import { describe, expect, it } from 'vitest';
import { seedKey } from '../../src/random/distributions.ts';
import {
  bindNetworkProblem,
  NetworkMeanField,
  networkModules,
} from '../../src/problems/network/meanField.ts';
import { uploadNetworkProblem } from '../../src/problems/network/gpuUpload.ts';
import { networkProbe } from '../../src/generated/wgsl/kernels/index.ts';
import { network } from '../../src/generated/wgsl/problems/index.ts';
import { createStorageBuffer, createUniformBuffer, readBuffer } from '../../src/gpu/buffers.ts';
import { writeStruct } from '../../src/gpu/layout.ts';
import { createNetworkProblem, type NetworkProblem } from '../../src/problems/network/network.ts';
import { testSession } from '../gpuTestRuntime.ts';

/*
 * The GPU mean field (shaders/kernels/network_mean_field.wgsl, f32) against the float64 twin
 * evaluated at the same f32-rounded points and the same f32 data.
 *
 * Error model. One per-sample gradient entry g_jk is a product of a backpropagated error and
 * an activation; each comes from dot products of length ≤ W (the widest fan-in or fan-out)
 * and a few transcendental calls (exp, log, tanh: a few ulps relative per the WGSL spec), so
 * |δg_jk| ≲ (W + 16)·u·|g_jk|-scale, u = 2^-24. The kernel then sums n terms in order in f32:
 * recursive summation adds ≤ n·u·Σ_j |g_jk|. So for ∇F_k = (1/n) Σ_j g_jk:
 *   |gpu − twin| ≤ SAFETY · u · (n + W + 16) · A_k,   A_k = (1/n) Σ_j |g_jk|,
 * for S_k the same with A_k = (2/n) Σ_j g_jk² (a square doubles the relative error), for S_B
 * the combination of both, and for F the same with A = (1/n) Σ_j |ℓ_j| plus 2^-21 for the
 * absolute accuracy of WGSL's log near 1. SAFETY = 4. The observed worst error/bound is printed.
 */
const U = 2 ** -24;
const SAFETY = 4;

function bounds(problem: NetworkProblem, x: Float64Array) {
  const d = problem.dimension;
  const n = problem.data.train.count;
  const absG = new Float64Array(d);
  const sq = new Float64Array(d);
  const g = new Float64Array(d);
  let absLoss = 0;
  for (let j = 0; j < n; j++) {
    absLoss += Math.abs(problem.gradientOfSample(x, j, g)) / n;
    g.forEach((v, k) => {
      absG[k] = (absG[k] ?? 0) + Math.abs(v) / n;
      sq[k] = (sq[k] ?? 0) + (2 * v * v) / n;
    });
  }
  const W = Math.max(...problem.architecture.widths);
  const factor = SAFETY * U * (n + W + 16);
  return {
    value: factor * absLoss + SAFETY * 2 ** -21,
    gradient: absG.map((a) => factor * a + 1e-30),
    second: sq.map((a) => factor * a + 1e-30),
  };
}

async function compare(problem: NetworkProblem, count: number, pointsPerDispatch?: number) {
  const session = await testSession();
  const field = await NetworkMeanField.create(session, problem);
  const d = problem.dimension;
  const points = new Float64Array(count * d);
  for (let p = 0; p < count; p++) {
    const x = problem.initialWeights(seedKey('mean-field'), p);
    // biases off zero too, so that every coordinate is exercised
    points.set(
      x.map((v, k) => Math.fround(v + 0.1 * Math.sin(k + p))),
      p * d,
    );
  }
  const result = await field.evaluate(points, pointsPerDispatch ? { pointsPerDispatch } : {});
  field.destroy();
  let worst = 0;
  for (let p = 0; p < count; p++) {
    const x = points.subarray(p * d, (p + 1) * d);
    const twin = problem.meanField(x);
    const b = bounds(problem, x);
    const check = (what: string, gpu: number, cpu: number, bound: number) => {
      const ratio = Math.abs(gpu - cpu) / bound;
      worst = Math.max(worst, ratio);
      expect(ratio, `${what} point ${p}: gpu ${gpu} cpu ${cpu} bound ${bound}`).toBeLessThan(1);
    };
    check('F', result.value[p] ?? NaN, twin.value, b.value);
    expect(result.accuracy[p]).toBeCloseTo(problem.accuracy(x, 'train'), 6);
    for (let k = 0; k < d; k++) {
      const i = p * d + k;
      check(`∇F[${k}]`, result.gradient[i] ?? NaN, twin.gradient[k] ?? 0, b.gradient[k] ?? 0);
      check(`S[${k}]`, result.secondMoment[i] ?? NaN, twin.secondMoment[k] ?? 0, b.second[k] ?? 0);
      const gk = twin.gradient[k] ?? 0;
      const sbBound =
        (b.second[k] ?? 0) + (2 * Math.abs(gk) * (b.gradient[k] ?? 0) + (b.second[k] ?? 0));
      check(
        `S_B[${k}]`,
        result.batchSecondMoment[i] ?? NaN,
        twin.batchSecondMoment[k] ?? 0,
        sbBound,
      );
    }
  }
  return worst;
}

describe('NetworkMeanField (GPU) against the float64 twin', () => {
  it('moons, mlp 2-16-1 (d = 65), 3 points, batch 4', async () => {
    const problem = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'moons', samples: 80, noise: 0.1, dataSeed: 2 },
      hidden: [16],
      batch: 4,
    });
    expect(problem.dimension).toBe(65);
    const worst = await compare(problem, 3);
    console.log(`moons 2-16-1: worst error / bound = ${worst.toFixed(4)}`);
  });

  it('blobs, softmax mlp 3-5-3-4, 5 points chunked over dispatches of 2', async () => {
    const problem = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'blobs', samples: 50, classes: 4, inputs: 3, dataSeed: 1 },
      hidden: [5, 3],
      init: 'he',
    });
    const worst = await compare(problem, 5, 2);
    console.log(`blobs 3-5-3-4: worst error / bound = ${worst.toFixed(4)}`);
  });

  it('draws: initial weights (f32 Box–Muller) and mini-batch indices (exact) match the twin', async () => {
    const session = await testSession();
    const problem = createNetworkProblem({
      name: 'mlp',
      dataset: { name: 'blobs', samples: 37, classes: 3, dataSeed: 3 },
      hidden: [6, 5],
      batch: 70,
      init: 'he',
    });
    const kernel = await session.kernel({
      label: 'NetworkProbe',
      modules: networkModules(networkProbe),
    });
    const device = kernel.device;
    const key = seedKey('probe');
    const buffers = uploadNetworkProblem(
      device,
      problem,
      network.structs.ProblemParams,
      'NetworkProbe',
    );
    const d = problem.dimension;
    const params = createUniformBuffer(
      device,
      'NetworkProbe.params',
      writeStruct(networkProbe.structs.NetworkProbeParams, { key, trajectory: 5, stepIndex: 9 }),
    );
    const weights = createStorageBuffer(device, 'NetworkProbe.weights', d * 4);
    const indices = createStorageBuffer(device, 'NetworkProbe.indices', 70 * 4);
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    kernel.dispatch(
      pass,
      [
        kernel.bind({ probeParams: params, probeWeights: weights, probeIndices: indices }),
        bindNetworkProblem(kernel, buffers),
      ],
      Math.ceil(Math.max(d, 70) / 64),
    );
    pass.end();
    device.queue.submit([encoder.finish()]);
    const gpuWeights = new Float32Array(await readBuffer(device, weights, d * 4));
    const gpuIndices = new Uint32Array(await readBuffer(device, indices, 70 * 4));
    for (const b of [params, weights, indices]) b.destroy();
    buffers.destroy();
    expect(Array.from(gpuIndices)).toEqual(Array.from(problem.batchIndices(key, 5, 9)));
    const twin = problem.initialWeights(key, 5);
    // f32 Box–Muller: |δz| ≤ 6·2^-11 per normal (test/gpu/ensembleTwin.test.ts), times std ≤ 1
    twin.forEach((w, k) =>
      expect(Math.abs((gpuWeights[k] ?? NaN) - w), `weight ${k}`).toBeLessThan(6 * 2 ** -11),
    );
    expect(twin.some((w) => w !== 0)).toBe(true);
  });
});
