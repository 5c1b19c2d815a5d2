import { describe, expect, it } from 'vitest';
import { GpuEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

async function run(config: EnsembleConfig, steps: number) {
  const ensemble = await GpuEnsemble.create(await testSession(), config);
  await ensemble.advance(steps);
  const records = await ensemble.record();
  const moments = await ensemble.finalMoments();
  return { ensemble, records, moments };
}

describe('ensemble correctness beyond the twin (GPU, fixed seeds)', () => {
  it('SGD stationary variance on quadratic-diag is γσ²/(λ_i(2 - γλ_i))', async () => {
    // Started at x* = 0, x_n,i is Gaussian with Var = V∞ (1 - (1 - γλ_i)^{2n}) exactly
    // (linear recursion x ← (1 - γλ)x - γσζ). N = 4096 independent trajectories: the sample
    // variance has relative standard error sqrt(2/(N - 1)) ≈ 2.2 %; we allow 5 of them
    // (false-failure probability < 1e-6 per coordinate). f32 rounding is far below that.
    const gamma = 0.1;
    const sigma = 1;
    const N = 4096;
    const steps = 300;
    const { ensemble, moments } = await run(
      {
        problem: { name: 'quadratic-diag', dimension: 4, lambdaMin: 0.5, lambdaMax: 2, sigma },
        optimizer: { name: 'sgd', gamma },
        trajectories: N,
        seed: 'stationary',
        x0: 0,
        stepsPerDispatch: 100,
      },
      steps,
    );
    const lambdas = [0.5, 0.5 * 4 ** (1 / 3), 0.5 * 4 ** (2 / 3), 2];
    lambdas.forEach((lambda, i) => {
      const stationary = (gamma * sigma * sigma) / (lambda * (2 - gamma * lambda));
      const expected = stationary * (1 - (1 - gamma * lambda) ** (2 * steps));
      const measured = moments[0]?.xVar[i] ?? NaN;
      const bound = 5 * Math.sqrt(2 / (N - 1)) * expected;
      expect(
        Math.abs(measured - expected),
        `coordinate ${i}: measured ${measured} expected ${expected}`,
      ).toBeLessThan(bound);
      // The mean is 0 with standard error sqrt(Var / N).
      expect(Math.abs(moments[0]?.xMean[i] ?? NaN)).toBeLessThan(5 * Math.sqrt(expected / N));
    });
    ensemble.destroy();
  });

  it('SGD and ADAM converge on convex problems at small γ', async () => {
    // SGD on quadratic-diag: E x_n = (1 - γλ)^n x_0 -> 1e-5 after 400 steps; the noise
    // contributes sd sqrt(γσ²/(λ(2-γλ))) ≤ 2.3e-3 per coordinate, so dist ≤ 5e-3·2 + 1e-5
    // for all but a 1e-6 fraction; we test the 95 % quantile against 0.01.
    const sgd = await run(
      {
        problem: {
          name: 'quadratic-diag',
          dimension: 4,
          lambdaMin: 0.5,
          lambdaMax: 2,
          sigma: 0.01,
        },
        optimizer: { name: 'sgd', gamma: 0.05 },
        trajectories: 256,
        seed: 'convex',
        x0: 1,
        initialSpread: 0.5,
        stepsPerDispatch: 100,
      },
      400,
    );
    expect(sgd.records[0]?.dist.q95).toBeLessThan(0.01);
    sgd.ensemble.destroy();
    // ADAM on regression2d from (0, 0) (dist 3.16): ADAM moves ≈ γ per step, so 2000 steps at
    // γ = 0.01 are enough; its stationary fluctuations are O(γ/√(1-β))-ish ≈ 0.1 at most.
    const adam = await run(
      {
        problem: { name: 'regression2d', p: 0.5, sigma: 0.5 },
        optimizer: { name: 'adam', gamma: 0.01 },
        trajectories: 256,
        seed: 'convex',
        x0: [0, 0],
        stepsPerDispatch: 250,
      },
      2000,
    );
    expect(adam.records[0]?.dist.q95).toBeLessThan(0.25);
    expect(adam.records[0]?.dist.q50).toBeLessThan(0.1);
    adam.ensemble.destroy();
  });

  it('heavy ball with momentum 0 is SGD bit for bit', async () => {
    const base: EnsembleConfig = {
      problem: { name: 'double-well', sigma: 0.3 },
      optimizer: { name: 'sgd', gamma: 0.05 },
      trajectories: 64,
      seed: 'equivalence',
      x0: [0.01, 1],
      initialSpread: 0.2,
    };
    const sgd = await GpuEnsemble.create(await testSession(), base);
    const heavy = await GpuEnsemble.create(await testSession(), {
      ...base,
      optimizer: { name: 'heavy-ball', gamma: 0.05, momentum: 0 },
    });
    await sgd.advance(200);
    await heavy.advance(200);
    for (const t of [0, 13, 63]) {
      expect(Array.from((await heavy.readTrajectory(t)).state.x)).toEqual(
        Array.from((await sgd.readTrajectory(t)).state.x),
      );
    }
    sgd.destroy();
    heavy.destroy();
  });

  it('ADAM with α = 0 is RMSProp with a bias-corrected second moment', async () => {
    // m_n = m + 1·(g - m) equals g up to one f32 rounding of (g - m) + m, so the two runs
    // differ by ≤ 2^-23 relative per step in the update: over 200 steps ≤ 200·γ·2^-22 plus
    // the growth along the unstable direction of the saddle (≤ e^{γ·200}) -> 2e-5 allowed.
    const base: EnsembleConfig = {
      problem: { name: 'double-well', sigma: 0.3 },
      optimizer: { name: 'adam', gamma: 0.01, alpha: 0, beta: 0.9 },
      trajectories: 64,
      seed: 'equivalence',
      x0: [0.01, 1],
      initialSpread: 0.2,
    };
    const adam = await GpuEnsemble.create(await testSession(), base);
    const rms = await GpuEnsemble.create(await testSession(), {
      ...base,
      optimizer: { name: 'rmsprop', gamma: 0.01, beta: 0.9, debias: true },
    });
    await adam.advance(200);
    await rms.advance(200);
    for (const t of [0, 13, 63]) {
      const a = (await adam.readTrajectory(t)).state.x;
      const r = (await rms.readTrajectory(t)).state.x;
      a.forEach((v, i) =>
        expect(Math.abs(v - (r[i] ?? NaN)), `trajectory ${t} x[${i}]`).toBeLessThan(2e-5),
      );
    }
    adam.destroy();
    rms.destroy();
  });

  it('Reddi: ADAM with β1 = 0, β2 = 1/(1 + C²) drifts to +1, AMSGrad reaches -1, scaled ADAM too', async () => {
    // C = 10, δ = 1: p = 2/11, ∇F = δ > 0, the minimiser is -1. With β2 = 1/(1+C²) ADAM's
    // step is ≈ γ·sign(g), mean drift γ(1 - 2p) = +0.64γ (Reddi et al., Theorem 3); AMSGrad's
    // max v ≈ C² gives drift -γδ/C = -0.1γ; 3000 steps of γ = 0.01 move 19 and 3 units
    // respectively, far beyond the interval; the random-walk spread is ≈ γ·√3000·0.5 ≈ 0.3.
    const C = 10;
    const base: EnsembleConfig = {
      problem: { name: 'reddi', bigC: C, delta: 1 },
      optimizer: {
        name: 'adam-nodebias',
        gamma: 0.01,
        alpha: 0,
        beta: 1 / (1 + C * C),
        epsilon: 1e-8,
      },
      trajectories: 256,
      seed: 'reddi',
      x0: 0,
      stepsPerDispatch: 500,
    };
    const adam = await run(base, 3000);
    const amsgrad = await run(
      {
        ...base,
        optimizer: { name: 'amsgrad', gamma: 0.01, alpha: 0, beta: 1 / (1 + C * C), epsilon: 1e-8 },
      },
      3000,
    );
    // Under the paper's scaling (1 - β = bγ) the drift is -∇F/(ε + √S) < 0: right direction.
    const scaled = await run(
      { ...base, optimizer: { name: 'adam', gamma: 0.01, a: 10, b: 1 } },
      3000,
    );
    // dist = |x + 1|: 2 at x = +1, 0 at x = -1.
    expect(adam.records[0]?.dist.q05).toBeGreaterThan(1.5);
    expect(amsgrad.records[0]?.dist.q95).toBeLessThan(0.5);
    expect(scaled.records[0]?.dist.q95).toBeLessThan(0.5);
    for (const r of [adam, amsgrad, scaled]) r.ensemble.destroy();
  });

  it('decreasing-step ADAM (Algorithm 5.1) concentrates at the minimiser (T5.2)', async () => {
    // γ_n = γ0 n^-0.75, α_n = 1 - aγ_n, β_n = 1 - bγ_n with b < 4a. In time t = Σγ_k the
    // mean follows the heavy ball ẍ + aẋ + a∇F/sqrt(S) = 0 (docs/math.md section 3): with a = 10,
    // λ/sqrt(S) ≈ 2 it is overdamped, decaying like e^{-2t} (t = 1.6 at n = 250, 3.2 at
    // n = 4000); the fluctuations are O(sqrt(γ_n)) and shrink 2.8-fold over the same range.
    // (With a = 1 the heavy ball is underdamped and the distance oscillates instead.) The
    // median of 256 draws has a relative standard error ≈ 6 %: we require a 2-fold decrease.
    const ensemble = await GpuEnsemble.create(await testSession(), {
      problem: { name: 'quadratic-diag', dimension: 2, lambdaMin: 1, lambdaMax: 1, sigma: 0.5 },
      optimizer: { name: 'adam-decreasing', gamma: 0.1, a: 10, b: 1, kappa: 0.75 },
      trajectories: 256,
      seed: 'decreasing',
      x0: 1,
      stepsPerDispatch: 250,
    });
    await ensemble.advance(250);
    const early = (await ensemble.record())[0]?.dist.q50 ?? NaN;
    await ensemble.advance(3750);
    const late = (await ensemble.record())[0]?.dist.q50 ?? NaN;
    if (process.env['ENSEMBLE_TWIN_REPORT']) console.log(`median dist ${early} -> ${late}`);
    expect(late).toBeLessThan(early / 2);
    ensemble.destroy();
  });
});
