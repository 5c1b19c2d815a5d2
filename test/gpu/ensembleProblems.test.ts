import { describe, expect, it } from 'vitest';
import {
  createStorageBuffer,
  createUniformBuffer,
  readBuffer,
  uploadStorage,
} from '../../src/gpu/buffers.ts';
import { writeStruct } from '../../src/gpu/layout.ts';
import { createProblem, type ProblemSpec } from '../../src/problems/index.ts';
import { seedKey } from '../../src/random/distributions.ts';
import { philox, random } from '../../src/generated/wgsl/lib/index.ts';
import { tile } from '../../src/generated/wgsl/problems/index.ts';
import { ensembleProblemProbe } from '../../src/generated/wgsl/kernels/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

// Tolerance: every function is a few f32 operations on inputs of size O(1..10), so its
// relative error is a few ulp (2^-24 ≈ 6e-8); Box–Muller in f32 (log, sqrt, cos/sin of
// arguments up to 2π) adds ≈ 1e-6 absolute per normal; exp2 in quadratic-diag's λ_i adds
// ≈ |arg| · 2^-23. We allow 2e-5 · (1 + |reference|) (≈ 100× the worst measured error),
// and 2e-4 for rosenbrock (cancellation in x2 - x1² amplified by 400 x1).
// Gradient samples also carry the error of the f32 normals: the WGSL spec only bounds
// sin/cos to 2^-11 absolute, times the Box–Muller radius r ≤ sqrt(-2 ln 2^-24) < 6, so a
// normal may be off by 6 · 2^-11 ≈ 2.9e-3 (SwiftShader measured ≈ 3e-4): samples get the
// extra bound NOISE_BOUND · σ (σ = the factor of the normal in the sample).
const NOISE_BOUND = 6 * 2 ** -11;
const SPECS: { spec: ProblemSpec; tolerance: number; noise: number }[] = [
  { spec: { name: 'regression2d', p: 0.3, sigma: 0.5 }, tolerance: 2e-5, noise: 0.5 },
  {
    spec: {
      name: 'quadratic-diag',
      dimension: 10,
      lambdaMin: 0.01,
      lambdaMax: 10,
      sigma: 0.3,
      xStar: 0.5,
    },
    tolerance: 2e-5,
    noise: 0.3,
  },
  { spec: { name: 'double-well', kappa: 2, sigma: 0.2 }, tolerance: 2e-5, noise: 0.2 },
  { spec: { name: 'rosenbrock', sigma: 0.2 }, tolerance: 2e-4, noise: 0.2 },
  { spec: { name: 'quartic', dimension: 7, sigma: 0.2 }, tolerance: 2e-5, noise: 0.2 },
  { spec: { name: 'reddi', bigC: 10, delta: 1 }, tolerance: 2e-5, noise: 0 },
];

describe('problem modules: WGSL against the float64 twin', () => {
  it.each(SPECS)('$spec.name', async ({ spec, tolerance, noise }) => {
    const session = await testSession();
    const device = await session.device();
    const problem = createProblem(spec);
    const modules = [philox, random, tile, problem.module, ensembleProblemProbe];
    const kernel = await session.kernel({
      label: `ProblemProbe.${spec.name}`,
      modules,
      constants: { WORKGROUP_SIZE: 64 },
    });
    const d = problem.dimension;
    const tiles = Math.ceil(d / 4);
    const pointCount = 16;
    const key = seedKey('probe');
    const stepIndex = 5;
    const points: Float64Array[] = [];
    const data = new Float32Array(pointCount * tiles * 4);
    for (let p = 0; p < pointCount; p++) {
      const x = new Float64Array(d).map((_, i) =>
        Math.fround(Math.sin(1.3 * p + 0.7 * i) * (spec.name === 'reddi' ? 1 : 2)),
      );
      points.push(x);
      data.set(x, p * tiles * 4);
    }
    const params = writeStruct(kernel.layout.struct('ProbeParams'), {
      key,
      stepIndex,
      tileCount: tiles,
      invocations: pointCount * tiles,
    });
    const problemParams = writeStruct(kernel.layout.struct('ProblemParams'), problem.gpuParams());
    const output = createStorageBuffer(device, 'ProblemProbe.output', pointCount * tiles * 64);
    const group0 = kernel.bind({
      probe: createUniformBuffer(device, 'ProblemProbe.params', params),
      points: uploadStorage(device, 'ProblemProbe.points', data),
      output,
    });
    const group1 = kernel.bind(
      { problem: createUniformBuffer(device, 'ProblemProbe.problem', problemParams) },
      1,
    );
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    kernel.dispatch(pass, [group0, group1], Math.ceil((pointCount * tiles) / 64));
    pass.end();
    device.queue.submit([encoder.finish()]);
    const gpu = new Float32Array(await readBuffer(device, output));
    const failures: string[] = [];
    const check = (what: string, g: number, c: number, tol: number, extra = 0) => {
      const bound = tol * (1 + Math.abs(c)) + extra;
      if (!(Math.abs(g - c) <= bound))
        failures.push(`${what}: gpu ${g} cpu ${c} error ${Math.abs(g - c)} bound ${bound}`);
    };
    for (let p = 0; p < pointCount; p++) {
      const x = points[p] ?? new Float64Array(d);
      let value = 0;
      let dist = 0;
      for (let t = 0; t < tiles; t++) {
        value += gpu[(p * tiles + t) * 16] ?? NaN;
        dist += gpu[(p * tiles + t) * 16 + 1] ?? NaN;
      }
      check(`point ${p} F`, value, problem.value(x), tolerance);
      check(`point ${p} dist²`, dist, problem.criticalDistanceSq(x), tolerance);
      const vectors = [
        problem.meanGradient(x),
        problem.secondMoment(x),
        problem.gradientSample(x, key, p, stepIndex),
      ];
      vectors.forEach((reference, k) => {
        for (let i = 0; i < d; i++) {
          const g = gpu[(p * tiles + Math.floor(i / 4)) * 16 + 4 * (k + 1) + (i % 4)] ?? NaN;
          check(
            `point ${p} ${['gradF', 'S', 'sample'][k]}[${i}]`,
            g,
            reference[i] ?? NaN,
            tolerance,
            k === 2 ? NOISE_BOUND * noise : 0,
          );
        }
      });
    }
    expect(failures.slice(0, 10), failures.slice(0, 10).join('\n')).toEqual([]);
  });
});
