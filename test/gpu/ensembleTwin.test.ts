import { describe, expect, it } from 'vitest';
import { CpuEnsemble, GpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import type { OptimizerSpec } from '../../src/optimizers/index.ts';
import type { ProblemSpec } from '../../src/problems/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

/*
 * GPU (f32) against the float64 CPU twin, per trajectory, after STEPS steps, for every
 * tiled problem × optimizer.
 *
 * Error model (docs/numerics.md, "Ensemble engine"). Both sides use bit-identical Philox
 * bits and uniforms; they differ by
 *  (1) the f32 Box–Muller normals: the WGSL spec bounds sin/cos only to 2^-11 absolute, and
 *      the radius is < 6, so a normal is off by at most NOISE = 6·2^-11 (measured ≈ 3e-4);
 *      a gradient sample with noise factor σ is off by NOISE·σ, the initial cloud by
 *      NOISE·spread;
 *  (2) f32 rounding: a few ulps (2^-24) of the magnitudes per step.
 * A perturbation δg of the gradient moves x by γ·s·δg in one step, with s = 1 for SGD,
 * 1/(1 - μ) for momentum methods (the buffer sums past perturbations) and, for the adaptive
 * methods, s·δg ≤ 2·NOISE (the update m̂/(ε + sqrt v̂) is invariant to the gradient scale
 * and v̂ ≥ the noise variance, so δg/sqrt(v̂) ≤ NOISE). Over K steps the errors add (no
 * growth along stable directions) and grow at most like exp(γ·μ₋·K) along unstable ones
 * (μ₋ = the largest negative curvature met: 1 at the double-well saddle, 0 for convex; for
 * rosenbrock we take μ₋ = 100 and scale every γ by 0.01 so that γ μ₋ K = 1).
 * Measured on SwiftShader: the largest error/bound is ≈ 0.02 (reddi: the initial cloud),
 * ≤ 0.008 elsewhere (an earlier run with quadratic-dense d = 300 × RMSProp reached 0.15) —
 * the bound uses the spec's sin/cos accuracy, not
 * SwiftShader's, so that it also holds on hardware GPUs.
 * So, per coordinate:
 *   bound = SAFETY · [NOISE·spread + K·γ·(s·NOISE·σ + 16·2^-24·(|x|+1)·G)] · exp(γ μ₋ K)
 * with G a gradient scale of the problem and SAFETY = 4 (headroom for the constants above).
 * A failure prints trajectory / coordinate / gpu / cpu / error / bound.
 */
const NOISE = 6 * 2 ** -11;
const SAFETY = 4;
const STEPS = 100;
const N = 8;

interface ProblemCase {
  spec: ProblemSpec;
  x0: number | number[];
  spread: number;
  /** Noise factor σ of a gradient sample, gradient scale G, negative curvature μ₋, γ scale. */
  sigma: number;
  gradientScale: number;
  negativeCurvature: number;
  gammaScale: number;
  /**
   * Adaptive methods: relative error of g per normal error (1, except quadratic-dense where
   * the residual ⟨a, e⟩ - w is a sum of d terms of random signs whose errors add while the
   * sum cancels: relative error ≈ sqrt(d) times larger).
   */
  relativeNoise?: number;
}

const PROBLEMS: ProblemCase[] = [
  {
    spec: { name: 'regression2d', p: 0.3, sigma: 0.5 },
    x0: [0, 0],
    spread: 0.5,
    sigma: 0.5,
    gradientScale: 4,
    negativeCurvature: 0,
    gammaScale: 1,
  },
  {
    spec: { name: 'quadratic-diag', dimension: 6, lambdaMin: 0.1, lambdaMax: 4, sigma: 0.3 },
    x0: 1,
    spread: 0.3,
    sigma: 0.3,
    gradientScale: 6,
    negativeCurvature: 0,
    gammaScale: 1,
  },
  {
    spec: { name: 'double-well', kappa: 1, sigma: 0.3 },
    x0: [0.1, 0.5],
    spread: 0.1,
    sigma: 0.3,
    gradientScale: 1,
    negativeCurvature: 1,
    gammaScale: 1,
  },
  {
    spec: { name: 'rosenbrock', sigma: 1 },
    x0: [-1, 1],
    spread: 0.05,
    sigma: 1,
    gradientScale: 500,
    negativeCurvature: 100,
    gammaScale: 0.01,
  },
  {
    spec: { name: 'quartic', dimension: 5, sigma: 0.3 },
    x0: 1,
    spread: 0.3,
    sigma: 0.3,
    gradientScale: 3,
    negativeCurvature: 0,
    gammaScale: 1,
  },
  // quadratic-dense: g = a(⟨a, e⟩ - w), a = Lζ; a normal error δ moves g by about
  // δ(‖a‖‖e‖ + |⟨a, e⟩| + σ) ≲ δ·2·sqrt(d)·(‖e‖ + 1): noise factor 2·sqrt(d)·(|x0|+1)·... below.
  {
    spec: { name: 'quadratic-dense', dimension: 6, condition: 10, sigma: 0.2 },
    x0: 1,
    spread: 0.2,
    sigma: 2 * Math.sqrt(6) * 3,
    relativeNoise: Math.sqrt(6),
    gradientScale: 6,
    negativeCurvature: 0,
    gammaScale: 1,
  },
  {
    spec: { name: 'quadratic-dense', dimension: 260, condition: 10, sigma: 0.2 },
    x0: 0.1,
    spread: 0.05,
    sigma: 2 * Math.sqrt(260) * 3,
    relativeNoise: Math.sqrt(260),
    gradientScale: 30,
    negativeCurvature: 0,
    gammaScale: 0.05,
  },
  {
    spec: { name: 'reddi', bigC: 10, delta: 1 },
    x0: 0,
    spread: 0.2,
    sigma: 0,
    gradientScale: 10,
    negativeCurvature: 0,
    gammaScale: 1,
  },
];

interface OptimizerCase {
  spec: OptimizerSpec;
  label: string;
  /** s·NOISE·σ → per-step gradient sensitivity as described above. */
  adaptive: boolean;
  momentum: number;
}

const OPTIMIZERS: OptimizerCase[] = [
  {
    label: 'adam (pytorch)',
    spec: { name: 'adam', preset: 'pytorch', gamma: 0.01 },
    adaptive: true,
    momentum: 0.9,
  },
  {
    label: 'adam (keras)',
    spec: { name: 'adam', preset: 'keras', gamma: 0.01 },
    adaptive: true,
    momentum: 0.9,
  },
  {
    label: 'adam (optax, eps_root)',
    spec: { name: 'adam', preset: 'optax', gamma: 0.01, epsilonRoot: 1e-8 },
    adaptive: true,
    momentum: 0.9,
  },
  {
    label: 'adam-nodebias',
    spec: { name: 'adam-nodebias', gamma: 0.01, a: 10, b: 1 },
    adaptive: true,
    momentum: 0.9,
  },
  {
    label: 'adam-decreasing',
    spec: { name: 'adam-decreasing', gamma: 0.01, a: 10, b: 1, kappa: 0.75 },
    adaptive: true,
    momentum: 0.9,
  },
  { label: 'sgd', spec: { name: 'sgd', gamma: 0.02 }, adaptive: false, momentum: 0 },
  {
    label: 'sgd-decreasing',
    spec: { name: 'sgd-decreasing', gamma: 0.05 },
    adaptive: false,
    momentum: 0,
  },
  {
    label: 'heavy-ball',
    spec: { name: 'heavy-ball', gamma: 0.005, momentum: 0.8 },
    adaptive: false,
    momentum: 0.8,
  },
  {
    label: 'nesterov',
    spec: { name: 'nesterov', gamma: 0.005, momentum: 0.8 },
    adaptive: false,
    momentum: 0.8,
  },
  { label: 'adagrad', spec: { name: 'adagrad', gamma: 0.05 }, adaptive: true, momentum: 0 },
  {
    label: 'rmsprop',
    spec: { name: 'rmsprop', gamma: 0.01, beta: 0.9 },
    adaptive: true,
    momentum: 0,
  },
  {
    label: 'amsgrad',
    spec: { name: 'amsgrad', gamma: 0.01, debias: true },
    adaptive: true,
    momentum: 0.9,
  },
];

// Every problem × optimizer with Philox; every problem × {adam, sgd, heavy-ball} with
// Threefry4x32-20 (the generator only changes the bits; the error model above is the same).
const THREEFRY_OPTIMIZERS = new Set(['adam (pytorch)', 'sgd', 'heavy-ball']);
const CASES = (['philox', 'threefry'] as const).flatMap((rng) =>
  PROBLEMS.flatMap((problem) =>
    OPTIMIZERS.filter((o) => rng === 'philox' || THREEFRY_OPTIMIZERS.has(o.label)).map(
      (optimizer) => ({
        problem,
        optimizer,
        rng,
        name: `${problem.spec.name} × ${optimizer.label}${rng === 'philox' ? '' : ' × threefry'}`,
      }),
    ),
  ),
);

function configOf(
  problem: ProblemCase,
  optimizer: OptimizerCase,
  rng: 'philox' | 'threefry',
): EnsembleConfig {
  const scale = problem.gammaScale;
  return {
    problem: problem.spec,
    optimizer: { ...optimizer.spec, gamma: optimizer.spec.gamma * scale },
    trajectories: N,
    seed: 'twin',
    x0: problem.x0,
    initialSpread: problem.spread,
    stepsPerDispatch: 32,
    ...(rng === 'philox' ? {} : { rng }),
  };
}

describe('ensemble: GPU trajectories against the float64 twin', () => {
  it.each(CASES)('$name', async ({ problem, optimizer, rng }) => {
    const config = configOf(problem, optimizer, rng);
    const gpu = await GpuEnsemble.create(await testSession(), config);
    const cpu = CpuEnsemble.create(config);
    await gpu.advance(STEPS);
    await cpu.advance(STEPS);
    const gamma = config.optimizer.gamma;
    const s = optimizer.adaptive
      ? (2 * (problem.relativeNoise ?? 1)) / Math.max(problem.sigma, 1e-30)
      : 1 / (1 - optimizer.momentum);
    const growth = Math.exp(gamma * problem.negativeCurvature * STEPS);
    const failures: string[] = [];
    let worst = 0;
    for (let t = 0; t < N; t++) {
      const g = await gpu.readTrajectory(t);
      const c = await cpu.readTrajectory(t);
      expect(g.divergedAtStep, `trajectory ${t} diverged on the GPU`).toBeUndefined();
      expect(c.divergedAtStep, `trajectory ${t} diverged on the CPU`).toBeUndefined();
      c.state.x.forEach((cx, i) => {
        const gx = g.state.x[i] ?? NaN;
        const rounding = 16 * 2 ** -24 * (Math.abs(cx) + 1) * problem.gradientScale;
        const bound =
          SAFETY *
          (NOISE * problem.spread + STEPS * gamma * (s * NOISE * problem.sigma + rounding)) *
          growth;
        const error = Math.abs(gx - cx);
        worst = Math.max(worst, error / bound);
        if (!(error <= bound))
          failures.push(
            `trajectory ${t} x[${i}]: gpu ${gx} cpu ${cx} error ${error.toExponential(2)} bound ${bound.toExponential(2)}`,
          );
      });
    }
    gpu.destroy();
    if (process.env['ENSEMBLE_TWIN_REPORT']) console.log(`worst error/bound ${worst.toFixed(4)}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(worst).toBeLessThanOrEqual(1);
  });
});
