import { describe, expect, it } from 'vitest';
import { lyapunovPath } from '../../src/experiments/lyapunovPath.ts';
import { createProblem } from '../../src/problems/index.ts';

/**
 * lyapunovPath: the exact dV/dt of docs/math.md section 4 against central differences of the
 * recorded V (dopri5, rtol 1e-10), the bound of Lemma 7.5 for b ≤ 4a, and an increase of V
 * for b = 16a on the double well.
 */
describe('lyapunovPath', () => {
  const base = { a: 1, epsilon: 0.05, x0: [0.56, 2.52], T: 6 };
  const doubleWell = createProblem({ name: 'double-well' });

  it('dV/dt equals the central difference of V, with the O(h²) error of the difference', async () => {
    const relativeError = async (b: number, outputs: number) => {
      const path = await lyapunovPath(doubleWell, { ...base, b, outputs });
      const h = base.T / outputs;
      let worst = 0;
      let scale = 0;
      for (let k = 1; k < outputs; k++) {
        const fd = ((path.V[k + 1] ?? NaN) - (path.V[k - 1] ?? NaN)) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - (path.dV[k] ?? NaN)));
        scale = Math.max(scale, Math.abs(path.dV[k] ?? 0));
      }
      return worst / scale;
    };
    for (const b of [0.5, 4, 16]) {
      const coarse = await relativeError(b, 300);
      const fine = await relativeError(b, 600);
      // A wrong dV/dt leaves an O(1) gap; the right one leaves (h²/6)·V''', which shrinks
      // fourfold when h halves (measured for b = 16: 0.020, 0.0051, 0.0013 at 600, 1200, 2400).
      expect(fine, `b = ${b}`).toBeLessThan(0.1);
      expect(coarse / fine, `b = ${b}`).toBeGreaterThan(3);
    }
  });

  it('V(0) = F(x0), dV/dt ≤ the bound ≤ 0 when b ≤ 4a; V increases when b = 16a', async () => {
    for (const b of [0.25, 1, 4]) {
      const path = await lyapunovPath(doubleWell, { ...base, b, outputs: 200 });
      expect(path.V[0]).toBeCloseTo(path.F[0] ?? NaN, 12);
      path.dV.forEach((dV, k) => {
        const bound = path.bound[k] ?? NaN;
        expect(bound).toBeLessThanOrEqual(0);
        // Lemma 7.5 is an inequality between exact expressions: float64 rounding only.
        expect(dV).toBeLessThanOrEqual(bound + 1e-12);
      });
    }
    const beyond = await lyapunovPath(doubleWell, { ...base, b: 16, outputs: 200 });
    expect(beyond.maxDV).toBeGreaterThan(0.01);
  });
});
