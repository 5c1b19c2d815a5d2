import { describe, expect, it } from 'vitest';
import {
  CpuEnsemble,
  GpuEnsemble,
  type EnsembleConfig,
  type MetricStats,
} from '../../src/ensemble/index.ts';
import { summarizeSegments } from '../../src/stats/summary.ts';
import { testSession } from '../gpuTestRuntime.ts';

const KEYS: (keyof MetricStats)[] = ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'];

const BASE: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: 6, lambdaMin: 0.2, lambdaMax: 2, sigma: 0.2 },
  optimizer: { name: 'adam', gamma: 0.01 },
  hyperGrid: [{ gamma: 0.005 }, { gamma: 0.01 }, { gamma: 0.02 }, { gamma: 0.04 }],
  trajectories: 200,
  seed: 'engine',
  x0: [1, -1, 0.5, 2, 0, 1],
  initialSpread: 0.5,
  stepsPerDispatch: 25,
  track: [0, 77, 199],
};

describe('ensemble engine (GPU)', () => {
  it('chunked dispatches give bit-identical states; hyperparameter groups straddle chunks', async () => {
    const session = await testSession();
    const whole = await GpuEnsemble.create(session, BASE);
    // d = 6 -> 2 tiles; offsets must be multiples of 256 bytes = 16 trajectories: chunks of 48.
    const chunked = await GpuEnsemble.create(session, { ...BASE, maxTrajectoriesPerChunk: 50 });
    await whole.advance(60);
    await chunked.advance(60);
    for (const t of [0, 47, 48, 49, 50, 96, 150, 199]) {
      const a = await whole.readTrajectory(t);
      const b = await chunked.readTrajectory(t);
      expect(Array.from(b.state.x), `trajectory ${t}`).toEqual(Array.from(a.state.x));
      expect(Array.from(b.state.v), `trajectory ${t}`).toEqual(Array.from(a.state.v));
      expect(b.state.bias).toEqual(a.state.bias);
    }
    const [ra, rb] = [await whole.record(), await chunked.record()];
    expect(rb).toEqual(ra);
    expect(await chunked.finalMoments()).toEqual(await whole.finalMoments());
    whole.destroy();
    chunked.destroy();
  });

  it('records agree with the float64 twin (per group), and so do tracked paths and final moments', async () => {
    const gpu = await GpuEnsemble.create(await testSession(), {
      ...BASE,
      maxTrajectoriesPerChunk: 50,
    });
    const cpu = CpuEnsemble.create(BASE);
    await gpu.record();
    await cpu.record();
    await gpu.advance(100);
    await cpu.advance(100);
    const [gRecords, cRecords] = [await gpu.record(), await cpu.record()];

    // (a) The recorder alone: GPU records against float64 statistics of the GPU's own states.
    // Metric kernel: f32 evaluation, relative error ≤ 1e-5 (a few ulps times d); reducer:
    // Chan/pairwise f32 moments (relative ≤ 1e-5 of |mean| + std) and histogram quantiles
    // within one bin, (max - min)/2048.
    const gpuStates = await Promise.all(
      Array.from({ length: 200 }, (_, t) => gpu.readTrajectory(t)),
    );
    const { problem } = gpu.resolved;
    const metricOf = {
      F: (x: Float64Array) => problem.value(x),
      gradNorm: (x: Float64Array) => Math.hypot(...problem.meanGradient(x)),
      dist: (x: Float64Array) => Math.sqrt(problem.criticalDistanceSq(x)),
    };
    const failures: string[] = [];
    for (const [metric, f] of Object.entries(metricOf) as [
      keyof typeof metricOf,
      (x: Float64Array) => number,
    ][]) {
      const values = gpuStates.map((s) => f(s.state.x));
      const reference = summarizeSegments(values, { segments: 4 });
      reference.forEach((ref, g) => {
        const record = gRecords[g]?.[metric];
        if (!record) throw new Error('missing record');
        const bin = (ref.max - ref.min) / 2048;
        const refStats = {
          mean: ref.mean,
          std: Math.sqrt(ref.variance),
          ...Object.fromEntries(ref.quantiles.map((q, i) => [KEYS[i + 2], q.value])),
        };
        for (const key of KEYS) {
          const want = (refStats as Record<string, number>)[key] ?? NaN;
          const bound =
            1e-5 * (1 + Math.abs(ref.mean) + Math.sqrt(ref.variance)) +
            (key.startsWith('q') ? bin : 0);
          if (!(Math.abs(record[key] - want) <= bound))
            failures.push(
              `group ${g} ${metric}.${key}: gpu ${record[key]} ref ${want} bound ${bound}`,
            );
        }
      });
    }
    expect(failures, failures.join('\n')).toEqual([]);

    // (b) Against the CPU run: each trajectory differs by δ = max ‖x_gpu - x_cpu‖ (bounded in
    // ensembleTwin.test.ts), so F moves by ≤ G δ + L δ²/2 (G = max ‖∇F‖, L = λmax = 2), ‖∇F‖
    // by ≤ L δ and dist by ≤ δ; statistics move by at most that (quantiles: plus one bin).
    let delta = 0;
    for (let t = 0; t < 200; t++) {
      const c = await cpu.readTrajectory(t);
      const g = gpuStates[t]?.state.x ?? new Float64Array(6);
      delta = Math.max(delta, Math.hypot(...c.state.x.map((v, i) => v - (g[i] ?? NaN))));
    }
    gRecords.forEach((gr, g) => {
      const cr = cRecords[g];
      if (!cr) throw new Error('missing cpu record');
      expect(gr.count).toBe(cr.count);
      expect(gr.diverged).toBe(cr.diverged);
      expect(gr.t).toBeCloseTo(cr.t, 12);
      const G = gr.gradNorm.q95 * 2 + 1;
      const shift = { F: G * delta + delta * delta, gradNorm: 2 * delta, dist: delta };
      for (const metric of ['F', 'gradNorm', 'dist'] as const) {
        for (const key of KEYS) {
          const bound =
            2 * shift[metric] +
            1e-5 * (1 + Math.abs(cr[metric].mean)) +
            (key.startsWith('q') ? (cr[metric].q95 - cr[metric].q05) / 500 : 0);
          expect(
            Math.abs(gr[metric][key] - cr[metric][key]),
            `group ${g} ${metric}.${key}`,
          ).toBeLessThanOrEqual(bound);
        }
      }
    });

    // Tracked paths: the recorded x of trajectories 0, 77, 199 at steps 0 and 100.
    const [gp, cp] = [await gpu.trackedPaths(), await cpu.trackedPaths()];
    expect(gp.map((p) => p.steps)).toEqual(cp.map((p) => p.steps));
    gp.forEach((path, i) =>
      path.x.forEach((x, k) =>
        x.forEach((v, c) =>
          expect(Math.abs(v - (cp[i]?.x[k]?.[c] ?? NaN))).toBeLessThanOrEqual(delta + 1e-6),
        ),
      ),
    );

    // Final moments: means move by ≤ δ, variances by ≤ 2 sd δ + δ²; f32 Welford adds ≤ 1e-5 relative.
    const [gm, cm] = [await gpu.finalMoments(), await cpu.finalMoments()];
    gm.forEach((group, g) => {
      group.xMean.forEach((m, c) => {
        const ref = cm[g]?.xMean[c] ?? NaN;
        expect(Math.abs(m - ref), `group ${g} mean[${c}]`).toBeLessThanOrEqual(
          delta + 1e-5 * (1 + Math.abs(ref)),
        );
        const refVar = cm[g]?.xVar[c] ?? NaN;
        expect(
          Math.abs((group.xVar[c] ?? NaN) - refVar),
          `group ${g} var[${c}]`,
        ).toBeLessThanOrEqual(2 * Math.sqrt(refVar) * delta + delta * delta + 1e-4 * refVar);
      });
    });
    gpu.destroy();
  });

  it('freezes, flags and excludes diverged trajectories, on GPU and CPU alike', async () => {
    const config: EnsembleConfig = {
      problem: { name: 'quartic', dimension: 3, sigma: 0.1 },
      optimizer: { name: 'sgd', gamma: 0.01 },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 5 }],
      trajectories: 64,
      seed: 'diverge',
      x0: 3,
      initialSpread: 0.1,
    };
    const gpu = await GpuEnsemble.create(await testSession(), config);
    const cpu = CpuEnsemble.create(config);
    await gpu.advance(50);
    await cpu.advance(50);
    const [g, c] = [await gpu.record(), await cpu.record()];
    for (const records of [g, c]) {
      expect(records[0]?.diverged).toBe(0);
      expect(records[0]?.count).toBe(32);
      expect(records[1]?.diverged).toBe(32);
      expect(records[1]?.count).toBe(0);
      expect(Number.isFinite(records[0]?.F.mean)).toBe(true);
    }
    const state = await gpu.readTrajectory(40);
    const cpuState = await cpu.readTrajectory(40);
    // f32 overflows (3.4e38) before float64 (1.8e308): the GPU may flag a few steps earlier.
    expect(state.divergedAtStep).toBeGreaterThan(0);
    expect(cpuState.divergedAtStep).toBeGreaterThanOrEqual(state.divergedAtStep ?? Infinity);
    expect(state.state.x.every(Number.isFinite)).toBe(true);
    const [moments] = await gpu.finalMoments();
    expect(moments?.xMean.every(Number.isFinite)).toBe(true);
    gpu.destroy();
  });

  it('quadratic-dense (workgroup per trajectory): records match float64 statistics of the GPU states; chunking is exact', async () => {
    const config: EnsembleConfig = {
      problem: { name: 'quadratic-dense', dimension: 70, condition: 20, sigma: 0.3 },
      optimizer: { name: 'adam', gamma: 0.01 },
      hyperGrid: [{ gamma: 0.01 }, { gamma: 0.02 }],
      trajectories: 40,
      seed: 'dense',
      x0: 0.5,
      initialSpread: 0.1,
    };
    // 70 coordinates = 18 tiles; chunks must be multiples of 16 trajectories.
    const gpu = await GpuEnsemble.create(await testSession(), config);
    const chunked = await GpuEnsemble.create(await testSession(), {
      ...config,
      maxTrajectoriesPerChunk: 16,
    });
    await gpu.advance(50);
    await chunked.advance(50);
    const records = await gpu.record();
    expect(await chunked.record()).toEqual(records);
    const states = await Promise.all(Array.from({ length: 40 }, (_, t) => gpu.readTrajectory(t)));
    const { problem } = gpu.resolved;
    const values = states.map((s) => problem.value(s.state.x));
    const grads = states.map((s) => Math.hypot(...problem.meanGradient(s.state.x)));
    // f32 matrix-vector products of length 70 (relative error ≤ 70·2^-24 ≈ 4e-6 each) and
    // the f32 reducer: 1e-4 relative on means; quantiles within one histogram bin.
    summarizeSegments(values, { segments: 2 }).forEach((ref, g) => {
      expect(Math.abs((records[g]?.F.mean ?? NaN) - ref.mean)).toBeLessThan(1e-4 * (1 + ref.mean));
      expect(Math.abs((records[g]?.F.q50 ?? NaN) - (ref.quantiles[2]?.value ?? NaN))).toBeLessThan(
        1e-4 + (ref.max - ref.min) / 2048,
      );
    });
    summarizeSegments(grads, { segments: 2 }).forEach((ref, g) => {
      expect(Math.abs((records[g]?.gradNorm.mean ?? NaN) - ref.mean)).toBeLessThan(
        1e-4 * (1 + ref.mean),
      );
    });
    gpu.destroy();
    chunked.destroy();
  });

  it('quadratic-dense: a diverging trajectory stops whole (finite state, flagged) and spares its block', async () => {
    // 40 trajectories = one full block of 32 and a partial one (ensemble_dense_step.wgsl);
    // group 1 (trajectories 20-39) spans both blocks. It grows ~10^3-fold per step: f32
    // overflows near step 23, float64 within 150 steps.
    const config: EnsembleConfig = {
      problem: { name: 'quadratic-dense', dimension: 70, condition: 20, sigma: 0.3 },
      optimizer: { name: 'sgd', gamma: 0.001 },
      hyperGrid: [{ gamma: 0.001 }, { gamma: 20 }],
      trajectories: 40,
      seed: 'dense-diverge',
      x0: 3,
      initialSpread: 0.1,
    };
    const gpu = await GpuEnsemble.create(await testSession(), config);
    const cpu = CpuEnsemble.create(config);
    await gpu.advance(150);
    await cpu.advance(150);
    const [g, c] = [await gpu.record(), await cpu.record()];
    for (const records of [g, c]) {
      expect(records[0]?.diverged).toBe(0);
      expect(records[1]?.diverged).toBe(20);
    }
    for (const t of [0, 19, 20, 39]) {
      const state = await gpu.readTrajectory(t);
      // The whole trajectory keeps its last finite state (every tile, not only the failing one).
      expect(state.state.x.every(Number.isFinite)).toBe(true);
      if (t < 20) expect(state.divergedAtStep).toBeUndefined();
      else expect(state.divergedAtStep).toBeGreaterThan(0);
    }
    gpu.destroy();
  });

  it('many tiles: d = 4099 (1025 tiles, chunks of 32 trajectories) matches the twin', async () => {
    const config: EnsembleConfig = {
      problem: {
        name: 'quadratic-diag',
        dimension: 4099,
        lambdaMin: 0.01,
        lambdaMax: 1,
        sigma: 0.1,
      },
      optimizer: { name: 'adam', gamma: 0.01 },
      trajectories: 40,
      seed: 'wide',
      x0: 1,
      initialSpread: 0.1,
      maxTrajectoriesPerChunk: 33,
    };
    const gpu = await GpuEnsemble.create(await testSession(), config);
    await gpu.advance(20);
    // Same error model as ensembleTwin.test.ts (adaptive, K = 20, γ = 0.01, spread 0.1):
    // 4·(NOISE·0.1 + 20·0.01·(2·NOISE + 16u·2)) ≈ 6e-3.
    const bound = 4 * (6 * 2 ** -11 * 0.1 + 20 * 0.01 * (2 * 6 * 2 ** -11 + 32 * 2 ** -24));
    for (const t of [0, 32, 39]) {
      const g = (await gpu.readTrajectory(t)).state.x;
      const c = gpu.replayTrajectory(t).final.state.x;
      let worst = 0;
      c.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (g[i] ?? NaN)))));
      expect(worst, `trajectory ${t}`).toBeLessThan(bound);
    }
    const [moments] = await gpu.finalMoments();
    expect(moments?.xMean).toHaveLength(4099);
    expect(moments?.xVar.every((v) => v >= 0 && v < 0.1)).toBe(true);
    gpu.destroy();
  });
});
