import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import type { OdeKind } from '../../src/ode/systems.ts';
import { createNetworkProblem } from '../../src/problems/network/index.ts';

// The fixed-step integrators on the network's ADAM ODE (moons 2-16-1, d = 65, float64 twin):
// errors at h = 0.025, h/2, h/4 against dopri5 at rtol 1e-12 fall by 2^order, with the orders of
// docs/numerics.md ("Observed orders"): Euler 1; RK4 ≥ 2.5 for debiased ADAM (measured 4.2; the rate
// a/(1 - e^{-at}) ~ 1/t makes the first steps stiff) and 1.5 without debiasing (√v ~ √t).
const problem = createNetworkProblem({
  name: 'mlp',
  dataset: { name: 'moons', samples: 40, dataSeed: 1 },
  hidden: [16],
  batch: 4,
});
const x0 = Array.from(problem.initialWeights([7, 11], 0));

async function endState(ode: OdeKind, method: 'euler' | 'rk4' | 'dopri5', dt: number) {
  const r = await integrateOde(
    {
      ...{ problem, ode, a: 3, b: 1, epsilon: 1e-3, x0, finalTime: 1, method, outputTimes: [1] },
      ...(method === 'dopri5' ? { rtol: 1e-12, atol: 1e-14 } : { dt }),
    },
    new CpuBackend(),
  );
  return [r.records.F[0] ?? NaN, r.records.mNorm[0] ?? NaN, r.records.vGap[0] ?? NaN];
}

describe('order of convergence of the fixed-step integrators on the network ODE', () => {
  it.each([
    ['adam', 'rk4', 2.5, 4.5],
    ['adam-autonomous', 'rk4', 1.2, 2.2],
    ['adam', 'euler', 0.8, 1.3],
  ] as const)(
    '%s, %s: observed order in (%d, %d)',
    async (ode, method, low, high) => {
      const h = 0.025;
      const reference = await endState(ode, 'dopri5', h);
      const errors: number[] = [];
      for (const step of [h, h / 2, h / 4]) {
        const s = await endState(ode, method, step);
        errors.push(Math.max(...s.map((v, i) => Math.abs(v - (reference[i] ?? NaN)))));
      }
      const orders = [
        Math.log2((errors[0] ?? NaN) / (errors[1] ?? NaN)),
        Math.log2((errors[1] ?? NaN) / (errors[2] ?? NaN)),
      ];
      console.log(
        ode,
        method,
        errors.map((e) => e.toExponential(2)),
        orders,
      );
      // The last ratio is the asymptotic one; the first may still be pre-asymptotic.
      expect(orders[1]).toBeGreaterThan(low);
      expect(orders[1]).toBeLessThan(high);
    },
    60_000,
  );
});
