import { describe, expect, it } from 'vitest';
import type { ExperimentContext } from '../../src/experiments/index.ts';
import { weakConvergenceExperiment } from '../../src/experiments/weakConvergence.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

interface Quantiles {
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}
interface Row {
  gamma: number;
  full: Quantiles;
  x: Quantiles;
  m: Quantiles;
  v: Quantiles;
  pAbove: { delta: number; p: number; lo: number; hi: number };
  diverged: number;
}

async function run(backend: ExperimentContext['backend'], overrides: Record<string, unknown>) {
  const params = weakConvergenceExperiment.schema.parse({ seed: 'weak-test', ...overrides });
  const outcome = await weakConvergenceExperiment.run(params, {
    backend,
    progress: () => undefined,
    warn: () => undefined,
  });
  return {
    outcome,
    rows: outcome.results['perGamma'] as Row[],
    slope: outcome.results['slope'] as { value: number; lo: number; hi: number },
  };
}

describe('experiment weak-convergence (Theorem 4.3)', () => {
  it('sup-distance shrinks like γ^(1/2) and P(sup > δ) falls (N = 256 per γ)', async () => {
    // regression2d from (-2, -3), a = 2, b = 1, T = 2. The default run (N = 4096, T = 5)
    // measures slope 0.486 [0.482, 0.491]; a 256-trajectory run at T = 2 gave 0.474. The
    // median of N = 256 sups has a relative standard error ≈ 1.25·(IQR/1.35)/q50/sqrt(N) ≈ 0.02
    // (IQR/q50 ≈ 0.37), ≈ 0.009 in log10, so the fitted slope over 1.5 decades has a
    // sampling SE ≈ 0.01: [0.35, 0.65] is > 10 SE wide on each side and leaves room for the
    // O(γ) curvature of the log-log curve at γ = 0.1.
    // δ = 2.5: the medians are ≈ 5.1 (γ = 0.1) and ≈ 0.95 (γ = 0.003) with IQR ≈ ±20 %, so
    // P(sup > δ) ≈ 1 and ≈ 0; with N = 256 the 95 % Wilson intervals are then [0.985, 1] and
    // [0, 0.015]: disjoint unless ≥ 4 % of either group sits on the wrong side of δ.
    const { rows, slope, outcome } = await run(await testSession(), {
      trajectories: 256,
      gammas: [0.1, 0.03, 0.01, 0.003],
      T: 2,
      delta: 2.5,
    });
    expect(rows.map((r) => r.gamma)).toEqual([0.1, 0.03, 0.01, 0.003]);
    expect(rows.every((r) => r.diverged === 0)).toBe(true);
    expect(slope.value).toBeGreaterThan(0.35);
    expect(slope.value).toBeLessThan(0.65);
    expect(slope.lo).toBeLessThan(slope.value);
    expect(slope.hi).toBeGreaterThan(slope.value);
    for (let g = 1; g < rows.length; g++)
      for (const block of ['full', 'x', 'm', 'v'] as const)
        expect(rows[g]?.[block].q50, `${block} median at γ = ${rows[g]?.gamma}`).toBeLessThan(
          rows[g - 1]?.[block].q50 ?? 0,
        );
    const large = rows[0];
    const small = rows.at(-1);
    expect(small?.pAbove.hi).toBeLessThan(large?.pAbove.lo ?? 0);
    for (const r of rows) {
      expect(r.full.q05).toBeLessThanOrEqual(r.full.q25);
      expect(r.full.q75).toBeLessThanOrEqual(r.full.q95);
      // ‖Δz‖² = ‖Δx‖² + ‖Δm‖² + ‖Δv‖² at each n, so sup_full ≥ each block's sup.
      expect(r.full.q50).toBeGreaterThanOrEqual(r.v.q50 * (1 - 1e-3));
    }
    expect(outcome.verdict).toMatch(/^agrees with Theorem 4.3/);
    expect(outcome.figures.map((f) => f.name)).toEqual(['sup-distance', 'p-above', 'path']);
  });

  it('the cpu backend gives the same quantiles up to float32 effects', async () => {
    // Per trajectory the GPU and CPU sups differ by ≤ 0.03 by the error model of
    // test/gpu/observers.test.ts (measured ≤ 1e-4); a type-1 quantile then moves by no more,
    // plus the GPU histogram resolution: sqrt of a bin of (max - min)/2048 in squared units
    // (max sup² ≈ 60 here: ≤ 0.03/(2·q) in q). So |Δq| < 0.05. P(sup > δ) can differ only by
    // trajectories within 0.03 of δ: at most 2 of 32 here.
    const overrides = { trajectories: 32, gammas: [0.1, 0.05], T: 1, delta: 2 };
    const gpu = await run(await testSession(), overrides);
    const cpu = await run(new CpuBackend(), overrides);
    gpu.rows.forEach((row, g) => {
      const other = cpu.rows[g];
      for (const block of ['full', 'x', 'm', 'v'] as const)
        for (const q of ['q05', 'q25', 'q50', 'q75', 'q95'] as const)
          expect(
            Math.abs(row[block][q] - (other?.[block][q] ?? NaN)),
            `${block} ${q} γ = ${row.gamma}`,
          ).toBeLessThan(0.05);
      expect(Math.abs(row.pAbove.p - (other?.pAbove.p ?? NaN))).toBeLessThanOrEqual(2 / 32);
    });
  });

  it('validates its parameters (b ≤ 4a, aγ ≤ 1)', () => {
    expect(() => weakConvergenceExperiment.schema.parse({ a: 1, b: 5 })).toThrow(/b ≤ 4a/);
    expect(() => weakConvergenceExperiment.schema.parse({ a: 20 })).toThrow(/a·γ/);
  });
});
