import { describe, expect, it } from 'vitest';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import { massFrictionAlong } from '../../src/ode/massFriction.ts';
import { createProblem } from '../../src/problems/index.ts';

/**
 * ADAM's ODE as a heavy ball (docs/math.md section 3): along a dopri5 solution of
 * `heavy-ball-adam` (and of `adam`, the same x(t)), c1 ẍ + c2 ẋ + ∇F(x) = 0 with the c1, c2 of
 * massFrictionAlong. ẋ and ẍ come from central differences of x on a fine output grid
 * (h = 1e-3): truncation O(h²·x⁗) ≈ 1e-6 and rounding O(rtol/h²) ≈ 1e-12/1e-6 = 1e-6, so a
 * residual below 1e-3 · (|∇F| + c2|ẋ| + c1|ẍ|) checks the formula, not the integrator.
 */
describe('massFrictionAlong', () => {
  const problem = createProblem({ name: 'double-well', sigma: 0.3 });
  const h = 1e-3;
  const centres = [0.05, 0.3, 1, 2.5, 6];
  const times = centres.flatMap((t) => [t - h, t, t + h]);
  const base = {
    problem,
    a: 2,
    b: 1,
    x0: [-1.8, 0],
    finalTime: 7,
    method: 'dopri5' as const,
    rtol: 1e-12,
    atol: 1e-14,
    outputTimes: [0, ...times],
  };

  for (const ode of ['heavy-ball-adam', 'adam'] as const) {
    it(`${ode}: c1 ẍ + c2 ẋ + ∇F = 0 along the solution; c1(0) = 0, c2(0) = ε + √S(x0)`, async () => {
      const result = await integrateOde({ ...base, ode });
      const { mass, friction } = massFrictionAlong(result);
      const x = result.records.x ?? new Float64Array();
      const x1 = (k: number) => x[2 * k] ?? NaN;
      expect(mass[0]).toBe(0);
      const g0 = -1.8 * (1.8 * 1.8 - 1);
      expect(friction[0]).toBeCloseTo(1e-8 + Math.sqrt(g0 * g0 + 0.09), 12);
      centres.forEach((t, j) => {
        const k = 1 + 3 * j + 1;
        const velocity = (x1(k + 1) - x1(k - 1)) / (2 * h);
        const acceleration = (x1(k + 1) - 2 * x1(k) + x1(k - 1)) / (h * h);
        const xi = x1(k);
        const gradient = xi * (xi * xi - 1);
        const c1 = mass[k] ?? NaN;
        const c2 = friction[k] ?? NaN;
        const residual = c1 * acceleration + c2 * velocity + gradient;
        const scale = Math.abs(gradient) + Math.abs(c2 * velocity) + Math.abs(c1 * acceleration);
        expect(Math.abs(residual), `t = ${t}`).toBeLessThan(1e-3 * scale + 1e-9);
        expect(c1, `mass at t = ${t}`).toBeGreaterThan(0);
      });
    });
  }

  it('refuses solutions of other ODEs', async () => {
    const result = await integrateOde({ ...base, ode: 'gradient-flow' });
    expect(() => massFrictionAlong(result)).toThrow(/adam or heavy-ball-adam/);
  });
});
