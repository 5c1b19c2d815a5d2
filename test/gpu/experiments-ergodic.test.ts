import { describe, expect, it } from 'vitest';
import { ergodicExperiment } from '../../src/experiments/ergodic.ts';
import { ParameterError } from '../../src/errors.ts';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

interface Row {
  gamma: number;
  steps: number;
  cesaro: { value: number; lo: number; hi: number };
  lastStep: { p: number; lo: number; hi: number };
  rms: number;
  diverged: number;
}
interface Curve {
  gamma: number;
  n: number[];
  t: number[];
  value: number[];
}

async function run(backend: ExperimentContext['backend'], overrides: Record<string, unknown>) {
  const params = ergodicExperiment.schema.parse({ seed: 'ergodic-test', ...overrides });
  const outcome = await ergodicExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: () => undefined,
  });
  return {
    outcome,
    rows: outcome.results['perGamma'] as Row[],
    curves: outcome.results['curves'] as Curve[],
    spread: outcome.results['spreadSlope'] as { value: number; lo: number; hi: number },
  };
}

describe('experiment ergodic (long-run theorem)', () => {
  it('Cesàro averages fall with γ; the spread scales like sqrt(γ) (N = 256 per γ)', async () => {
    // double-well, σ = 0.5, from (2, 1), T = 20, δ = 0.1. A 256-trajectory run measured Cesàro
    // averages 0.861 [0.855, 0.867] (γ = 0.2) and 0.341 [0.331, 0.351] (γ = 0.02) (CLT
    // intervals, half-width ≈ 1.96·sd(count/n)/sqrt(256) ≈ 0.01): the gap is 50 half-widths.
    // RMS d(x_n): d² is roughly exponential (CV ≈ 1), so the RMS of 256 samples has a relative
    // SE ≈ 1/(2·sqrt(256)) = 0.03 (0.013 in log10); over one decade of γ the slope's sampling
    // SE is ≈ 0.02, and [0.4, 0.6] is 5 SE on each side of 1/2 (measured 0.498).
    const { rows, curves, spread, outcome } = await run(await testSession(), {
      trajectories: 256,
      gammas: [0.2, 0.05, 0.02],
      T: 20,
      probes: 12,
    });
    expect(rows.map((r) => r.steps)).toEqual([100, 400, 1000]);
    expect(rows.every((r) => r.diverged === 0)).toBe(true);
    const large = rows[0];
    const small = rows.at(-1);
    expect(small?.cesaro.hi).toBeLessThan(large?.cesaro.lo ?? 0);
    expect(small?.lastStep.hi).toBeLessThan(large?.lastStep.lo ?? 0);
    expect(spread.value).toBeGreaterThan(0.4);
    expect(spread.value).toBeLessThan(0.6);
    for (const c of curves) {
      expect(c.t.at(-1)).toBeCloseTo(20, 9);
      // Every trajectory starts at distance ≈ 1.4 > δ: the transient keeps the early averages
      // high (≈ 0.86 at the first probe, n = 10, for every γ).
      expect(c.value[0]).toBeGreaterThan(0.8);
    }
    // At γ = 0.2 the stationary fraction (≈ 0.87) is as high as the transient: the curve is
    // flat. At γ = 0.02 it is ≈ 0.27, so the average falls from ≈ 0.86 to ≈ 0.34.
    const last = curves.at(-1);
    expect(last?.value.at(-1)).toBeLessThan((last?.value[0] ?? 0) - 0.3);
    expect(outcome.verdict).toMatch(/^agrees with the long-run theorem/);
  });

  it('the cpu backend gives the same averages up to float32 effects', async () => {
    // Counts differ only at steps where d(x_k) is within the state error (≤ 0.03 by the model
    // of observers.test.ts, measured 3e-5) of δ; allow 1 % of the steps.
    const overrides = { trajectories: 32, gammas: [0.2, 0.05], T: 10, probes: 5 };
    const gpu = await run(await testSession(), overrides);
    const cpu = await run(new CpuBackend(), overrides);
    gpu.rows.forEach((row, g) => {
      const other = cpu.rows[g];
      expect(Math.abs(row.cesaro.value - (other?.cesaro.value ?? NaN))).toBeLessThan(0.01);
      expect(Math.abs(row.rms - (other?.rms ?? NaN))).toBeLessThan(0.03);
    });
  });

  it('refuses problems of dimension > 4 with a ParameterError', async () => {
    const params = ergodicExperiment.schema.parse({
      problem: 'quadratic-diag',
      dim: 8,
      x0: new Array<number>(8).fill(1),
    });
    await expect(
      ergodicExperiment.run(params, {
        backend: new CpuBackend(),
        progress: () => undefined,
        warn: () => undefined,
      }),
    ).rejects.toThrow(ParameterError);
  });
});
