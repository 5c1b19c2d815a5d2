import { describe, expect, it } from 'vitest';
import {
  CpuEnsemble,
  GpuEnsemble,
  runEnsemble,
  type EnsembleConfig,
} from '../../src/ensemble/index.ts';
import { createNetworkProblem, type NetworkProblemSpec } from '../../src/problems/network/index.ts';
import { testSession } from '../gpuTestRuntime.ts';
import { loadNetworkProblems } from '../../src/problems/index.ts';

// The engines load the network twin on demand; the CpuEnsemble built directly below does not.
await loadNetworkProblems();

/*
 * Ensembles of training runs (kernelPath 'network', docs/network-training.md) on two moons,
 * a 2-16-1 tanh MLP (d = 65), mini-batches of B = 8: the GPU kernel against the float64 twin,
 * the accuracy reached by ADAM, a γ grid in one dispatch, divergence.
 */
const MOONS: NetworkProblemSpec = {
  name: 'mlp',
  dataset: { name: 'moons', samples: 200 },
  hidden: [16],
  batch: 8,
};

function config(overrides: Partial<EnsembleConfig> = {}): EnsembleConfig {
  return {
    problem: MOONS,
    optimizer: { name: 'adam', gamma: 0.01 },
    trajectories: 4,
    seed: 'network',
    x0: 0,
    stepsPerDispatch: 16,
    ...overrides,
  };
}

describe('network ensembles on the GPU', () => {
  /*
   * GPU (f32) against the float64 twin (same initial weights before rounding, same
   * mini-batch indices: integers, identical on both sides), trajectory by trajectory.
   *
   * Error model. The initial weights differ by their f32 rounding, 2^-24 |x0|. A per-sample
   * gradient of the 2-16-1 network is a chain of a fan-in sum (≤ 17 terms), tanh, the
   * sigmoid and a product through the output weight: in f32 it is off by about 30 ulps of
   * the largest per-sample gradient G (WGSL exp/tanh are accurate to a few ulps here, the
   * library clamps tanh's argument); the batch mean adds B ulps. ADAM's update
   * γ m̂/(ε + √v̂) is invariant to the gradient's scale, so a perturbation δg moves x by at
   * most about 2γ δg/√v̂, and √v̂ ≥ |g| ≈ G/ρ with ρ = G/|g| the cancellation ratio of a
   * batch mean (measured ≤ 10 on moons over the first steps). Per step, then, the update
   * is off by ≤ 2γ · (30 + B) · ρ · 2^-24 ≈ 5e-5 γ, and the errors of K steps add (the loss
   * is smooth, K γ L ≪ 1 for K = 20, γ = 0.01): per coordinate
   *   bound = SAFETY · (2^-24 (|x| + 1) + K · 2γ (30 + B) ρ 2^-24),  SAFETY = 4.
   * For K = 20 that is ≈ 1.8e-6 + 6e-8; measured (SwiftShader): ≤ 1.6e-7 after 10 steps,
   * 6e-7 after 100, 4e-6 after 1000 (ADAM; SGD, heavy ball and AMSGrad alike). A wrong
   * mini-batch index or gradient moves x by about γ per step, 1e-2: far outside the bound.
   * Over many steps the paths separate slowly (round-off is amplified along the unstable
   * directions of the non-convex loss and by coordinates whose √v̂ becomes tiny), so the
   * pathwise comparison is over few steps; over many steps only statistics are compared.
   */
  it('follows the float64 twin trajectory by trajectory (ADAM, 20 steps)', async () => {
    const session = await testSession();
    const steps = 20;
    const gamma = 0.01;
    const c = config({ optimizer: { name: 'adam', gamma } });
    const gpu = await GpuEnsemble.create(session, c);
    try {
      await gpu.advance(steps);
      const cpu = CpuEnsemble.create(c);
      await cpu.advance(steps);
      const SAFETY = 4;
      const RHO = 10;
      const u = 2 ** -24;
      let worst = 0;
      for (let t = 0; t < c.trajectories; t++) {
        const a = await gpu.readTrajectory(t);
        const b = await cpu.readTrajectory(t);
        // the cpu replay of any GPU trajectory is the same float64 path
        expect(gpu.replayTrajectory(t).final.state.x).toEqual(b.state.x);
        expect(a.divergedAtStep).toBeUndefined();
        b.state.x.forEach((want, k) => {
          const bound =
            SAFETY * (u * (Math.abs(want) + 1) + steps * 2 * gamma * (30 + 8) * RHO * u);
          const error = Math.abs((a.state.x[k] ?? NaN) - want);
          worst = Math.max(worst, error / bound);
          if (!(error <= bound))
            throw new Error(
              `trajectory ${t} coordinate ${k}: gpu ${a.state.x[k]} cpu ${want} error ${error} > bound ${bound}`,
            );
        });
      }
      expect(worst).toBeLessThan(1);
      // The recorded statistics agree too: F and ‖∇F‖ to f32 sums over 160 samples, the
      // accuracy exactly (no test sample lies within round-off of the decision boundary).
      const [g] = await gpu.record();
      const [k] = await cpu.record();
      expect(g?.F.mean).toBeCloseTo(k?.F.mean ?? NaN, 5);
      expect(g?.gradNorm.mean).toBeCloseTo(k?.gradNorm.mean ?? NaN, 5);
      expect(g?.accuracy?.mean).toBeCloseTo(k?.accuracy?.mean ?? NaN, 6);
      expect(g?.count).toBe(4);
    } finally {
      gpu.destroy();
    }
  }, 120_000);

  /*
   * ADAM (γ = 0.03, B = 8) from Glorot initialisations learns the moons: 160 train and 40
   * test samples. Chance (the majority class) is 0.5 on the balanced test split, and a
   * linear boundary plateaus at ≈ 0.86–0.89 (the float64 twin's median over 16 runs at
   * steps 50–100), so a median ≥ 0.925 (37 of 40) needs the hidden layer. After 200 steps
   * the twin's 16 runs have median 0.975 and 5 % quantile 0.95: if each run falls below
   * 0.925 with probability p ≤ 0.1, the median of 8 falls below with probability
   * P(Bin(8, p) ≥ 4) ≤ 0.005, so the bound is not a matter of the seed.
   */
  it('reaches a median test accuracy ≥ 0.925 on two moons (8 ADAM runs, 200 steps)', async () => {
    const session = await testSession();
    const c = config({
      optimizer: { name: 'adam', gamma: 0.03 },
      trajectories: 8,
      seed: 1,
      recordEvery: 200,
      stepsPerDispatch: 50,
    });
    const run = await runEnsemble(c, 200, session);
    const [first] = run.records[0] ?? [];
    const [last] = run.records.at(-1) ?? [];
    const problem = createNetworkProblem(MOONS);
    const ones = problem.data.test.labels.reduce((s, l) => s + l, 0);
    const chance = Math.max(ones, problem.data.test.count - ones) / problem.data.test.count;
    expect(chance).toBeLessThanOrEqual(0.6);
    expect(first?.accuracy?.q50).toBeLessThan(0.925);
    expect(last?.accuracy?.q50).toBeGreaterThanOrEqual(0.925);
    expect(last?.F.q50).toBeLessThan(first?.F.q50 ?? 0);
    expect(last?.diverged).toBe(0);
    expect(run.sampleGradientsPerSecond).toBeGreaterThan(0);
  }, 120_000);

  it('runs a γ grid in one dispatch exactly as separate runs', async () => {
    const session = await testSession();
    const grid = await GpuEnsemble.create(
      session,
      config({ hyperGrid: [{ gamma: 0.003 }, { gamma: 0.03 }] }),
    );
    const single = await GpuEnsemble.create(
      session,
      config({ optimizer: { name: 'adam', gamma: 0.03 } }),
    );
    try {
      await grid.advance(10);
      await single.advance(10);
      // Group 1 = trajectories 2 and 3: the same draws and γ as in the single run.
      for (const t of [2, 3]) {
        const a = await grid.readTrajectory(t);
        const b = await single.readTrajectory(t);
        expect(Array.from(a.state.x)).toEqual(Array.from(b.state.x));
      }
      const differs = await grid.readTrajectory(0);
      const same = await single.readTrajectory(0);
      expect(Array.from(differs.state.x)).not.toEqual(Array.from(same.state.x));
      const records = await grid.record();
      expect(records.map((r) => [r.group, r.count])).toEqual([
        [0, 2],
        [1, 2],
      ]);
    } finally {
      grid.destroy();
      single.destroy();
    }
  }, 120_000);

  it('gives the same states and records in chunks of 32 trajectories (N = 64)', async () => {
    const session = await testSession();
    const c = config({ trajectories: 64, hyperGrid: [{ gamma: 0.01 }, { gamma: 0.03 }] });
    const whole = await GpuEnsemble.create(session, c);
    const chunked = await GpuEnsemble.create(session, { ...c, maxTrajectoriesPerChunk: 32 });
    try {
      expect(chunked.gpuContext.chunks.length).toBe(2);
      await whole.advance(4);
      await chunked.advance(4);
      const a = await whole.exportState();
      const b = await chunked.exportState();
      expect(Array.from(b.x)).toEqual(Array.from(a.x));
      expect(Array.from(b.v)).toEqual(Array.from(a.v));
      const [ra, rb] = [await whole.record(), await chunked.record()];
      expect(rb.map((r) => [r.count, r.F.mean, r.accuracy?.mean])).toEqual(
        ra.map((r) => [r.count, r.F.mean, r.accuracy?.mean]),
      );
    } finally {
      whole.destroy();
      chunked.destroy();
    }
  }, 120_000);

  /*
   * A huge γ: the first ADAM step moves every weight by about γ, the second continues in the
   * same direction (the first moment keeps the first gradient) and overflows (f32 on the
   * GPU, where γ = 1e308 is already +∞; float64 on the cpu a step later). The trajectory
   * keeps its last finite state, is flagged with the step, and is excluded from the records.
   */
  it('counts and excludes diverged trajectories (γ = 1e308 in one group)', async () => {
    const session = await testSession();
    const c = config({ hyperGrid: [{ gamma: 0.01 }, { gamma: 1e308 }] });
    const gpu = await GpuEnsemble.create(session, c);
    const cpu = CpuEnsemble.create(c);
    try {
      for (const e of [gpu, cpu]) {
        await e.advance(5);
        const [calm, wild] = await e.record();
        expect([calm?.diverged, calm?.count]).toEqual([0, 2]);
        expect([wild?.diverged, wild?.count]).toEqual([2, 0]);
        for (const t of [2, 3]) {
          const s = await e.readTrajectory(t);
          expect(s.divergedAtStep).toBeGreaterThan(0);
          expect(s.state.x.every(Number.isFinite)).toBe(true);
        }
        expect(Number.isFinite(calm?.accuracy?.q50)).toBe(true);
      }
    } finally {
      gpu.destroy();
    }
  }, 120_000);
});
