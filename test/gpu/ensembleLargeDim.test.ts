import { describe, expect, it } from 'vitest';
import { createEnsemble, type EnsembleConfig } from '../../src/ensemble/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

/**
 * quadratic-diag from d = 1 to d ≥ 10^5 (issue: "must work from d = 1 to d ≥ 10^5"): the GPU
 * state of every coordinate matches the float64 replay of the same draws.
 *
 * Tolerance. By Cauchy–Schwarz, m_n = Σ c1 α^(n-k) g_k and v_n = Σ c2 β^(n-k) g_k² give
 * |m̂_n| / sqrt(v̂_n) ≤ (c1 / sqrt(c2)) · sqrt(Σ_{j<n} (α²/β)^j) · sqrt(r̄_n) / r_n, which for
 * (α, β) = (0.9, 0.999) and n ≤ 8 is at most 1.03: a coordinate moves at most 1.05 γ per step
 * (float32 included), and two runs can differ by at most 2 · 1.05 · γ · K whatever the noise
 * rounding does. That hard bound catches garbage or truncated coordinates (errors O(1)).
 * Typical coordinates agree to float32 rounding: the median difference must be below 1e-6
 * (K = 8 steps of size γ = 1e-3 with relative errors ~2^-11 from WGSL sin/cos: ~4e-6 at
 * worst, far less at the median).
 */
const GAMMA = 1e-3;
const STEPS = 8;

function config(d: number): EnsembleConfig {
  return {
    problem: { name: 'quadratic-diag', dimension: d, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
    optimizer: { name: 'adam', preset: 'pytorch', gamma: GAMMA },
    trajectories: 3,
    seed: 'large-d',
    x0: 1,
    stepsPerDispatch: 4,
  };
}

describe('quadratic-diag at extreme dimensions', () => {
  it.each([1, 3, 100_003])(
    'd = %i: every coordinate of every trajectory matches the float64 replay',
    async (d) => {
      const ensemble = await createEnsemble(config(d), await testSession());
      try {
        await ensemble.advance(STEPS);
        const hardBound = 2 * 1.05 * GAMMA * STEPS;
        for (let trajectory = 0; trajectory < 3; trajectory++) {
          const gpu = (await ensemble.readTrajectory(trajectory)).state.x;
          const cpu = ensemble.replayTrajectory(trajectory, STEPS).final.state.x;
          expect(gpu.length).toBe(d);
          const errors = Array.from(gpu, (x, i) => Math.abs(x - (cpu[i] ?? NaN))).sort(
            (a, b) => a - b,
          );
          const worst = errors[errors.length - 1] ?? NaN;
          const median = errors[Math.floor(errors.length / 2)] ?? NaN;
          expect(worst, `trajectory ${trajectory}: worst |gpu - cpu|`).toBeLessThanOrEqual(
            hardBound,
          );
          expect(median, `trajectory ${trajectory}: median |gpu - cpu|`).toBeLessThan(1e-6);
          // The last coordinate moved from x0 = 1, by at most K steps of 1.05 γ each.
          const last = gpu[d - 1] ?? NaN;
          expect(last).not.toBe(1);
          expect(Math.abs(last - 1)).toBeLessThanOrEqual(hardBound / 2);
        }
        const [record] = await ensemble.record();
        expect(record?.count).toBe(3);
        expect(Number.isFinite(record?.F.mean)).toBe(true);
      } finally {
        ensemble.destroy();
      }
    },
  );
});
