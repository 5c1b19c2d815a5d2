import { describe, expect, it } from 'vitest';
import { ratesExperiment } from '../../src/experiments/rates.ts';
import { testSession } from '../gpuTestRuntime.ts';

describe('experiment rates', () => {
  it('exponential rate on the quadratic matches the linearised ODE; quartic slope ≈ -1/2', async () => {
    const params = ratesExperiment.schema.parse({ trajectories: 4, seed: 'rates-test' });
    const outcome = await ratesExperiment.run(params, {
      backend: await testSession(),
      progress: () => undefined,
      warn: () => undefined,
    });
    const quadratic = outcome.results['quadratic'] as { predictedRate: number; rates: number[] };
    const quartic = outcome.results['quartic'] as {
      slopes: number[];
      amplitude: number[];
      expectedAmplitude: number;
    };
    expect(outcome.results['failedSolves']).toBe(0);
    // Quadratic-diag d = 4, λ in [0.1, 1], σ = 1, a = 2: predicted rate 0.10557 (slowest root
    // of r² + a r + aκ, κ = 0.1). On t in [40, 80] the next mode (rate 0.245) is e^{-5.6}
    // smaller and the debiasing factors equal 1 to e^{-40}; float32 x and the solver's rtol
    // 1e-6 change ln‖x‖ by ~1e-6. Bound 1 % (the float64 run measures 0.16 %).
    for (const r of quadratic.rates) {
      expect(Math.abs(r / quadratic.predictedRate - 1)).toBeLessThan(0.01);
    }
    // Quartic, σ = 1, x0 ≈ 0.3: near 0, ẋ ≈ -x³/σ gives x = x0/√(1 + 2x0²t/σ) whose log-log
    // slope is -½·u/(1 + u), u = 2x0²t/σ ≥ 2·0.15²·1000 = 45 on the window [1000, 10^4]
    // (x0 ≥ 0.15: 3 spreads below the centre): |slope + ½| ≤ 0.011, plus the momentum lag
    // O(3x²/(σa)) ≤ 1e-3 there. Bound 0.015 (float64 run: 0.0024).
    for (const s of quartic.slopes) expect(Math.abs(s + 0.5)).toBeLessThan(0.015);
    // ‖x(T)‖√T → √(d σ/2) = 1: relative gap ≤ the same 1/(1 + u) correction, bound 2 %.
    for (const a of quartic.amplitude)
      expect(Math.abs(a / quartic.expectedAmplitude - 1)).toBeLessThan(0.02);
  });
});
