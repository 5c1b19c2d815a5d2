import { describe, expect, it } from 'vitest';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import type { OdeConfig } from '../../src/ode/config.ts';
import type { OdeResult } from '../../src/ode/result.ts';
import { createProblem } from '../../src/problems/index.ts';
import { CpuBackend } from '../../src/backend/index.ts';
import { testSession } from '../gpuTestRuntime.ts';

/** Largest |gpu - cpu| / (1 + |cpu|) over the scalar records. */
function worstDifference(gpu: OdeResult, cpu: OdeResult): { error: number; where: string } {
  let worst = { error: 0, where: '' };
  for (const field of ['F', 'V', 'mNorm', 'vGap', 'dist'] as const) {
    cpu.records[field].forEach((c, i) => {
      const g = gpu.records[field][i] ?? Number.NaN;
      const e = Math.abs(g - c) / (1 + Math.abs(c));
      if (!(e <= worst.error)) worst = { error: e, where: `${field}[${i}] gpu ${g} cpu ${c}` };
    });
  }
  return worst;
}

describe('quadratic-dense on the GPU (coupled coordinates, stages in storage)', () => {
  // Euler/RK4 take the same steps on both sides: float32 rounding only, where one evaluation
  // of Σe rounds ~d·u relatively (d ≤ 16: ~1e-6), over 100 steps: bound 2e-5. Dopri5 (GPU rtol
  // 1e-5 vs CPU 1e-10): the bound 2e-4 of the tiled problems (docs/numerics.md).
  it.each([
    [8, 'adam', 'euler'],
    [16, 'adam', 'rk4'],
    [8, 'adam', 'dopri5'],
    [16, 'heavy-ball-adam', 'dopri5'],
  ] as const)(
    'd = %i, %s, %s: GPU against the float64 twin',
    async (dimension, ode, method) => {
      const base: OdeConfig = {
        problem: createProblem({ name: 'quadratic-dense', dimension, condition: 10, sigma: 0.3 }),
        ode,
        a: 3,
        b: 1,
        epsilon: 1e-3,
        cloud: { count: 4, spread: 1, seed: 3, center: new Array<number>(dimension).fill(0.5) },
        finalTime: 1,
        method,
        dt: 0.01,
        outputTimes: [0, 0.1, 0.5, 1],
      };
      const cpu = await integrateOde({ ...base, rtol: 1e-10, atol: 1e-12 }, new CpuBackend());
      const gpu = await integrateOde({ ...base, rtol: 1e-5, atol: 1e-7 }, await testSession());
      const worst = worstDifference(gpu, cpu);
      const bound = method === 'dopri5' ? 2e-4 : 2e-5;
      expect(worst.error, `${worst.error.toExponential(2)} at ${worst.where}`).toBeLessThan(bound);
      expect(gpu.status.every((s) => s === 'done')).toBe(true);
      if (method === 'dopri5') {
        expect(Array.from(gpu.stepCounts.accepted).every((a) => a > 1)).toBe(true);
      }
    },
    300_000,
  ); // SwiftShader compiles each dense pipeline in tens of seconds
});

describe('reddi on the GPU: the projected ODE on [-1, 1]', () => {
  // ∇F = δ and S constant: x(t) = max(x0 - c t, -1), c = δ/(ε + √S) (test/cpu/odeConstraint).
  const bigC = 10;
  const delta = 1;
  const p = (1 + delta) / (bigC + 1);
  const speed = delta / (1e-3 + Math.sqrt(bigC * bigC * p + (1 - p)));
  const times = Array.from({ length: 21 }, (_, k) => k * 0.5);
  it.each(['rk4', 'dopri5'] as const)(
    'adam, %s: closed form, then on the bound',
    async (method) => {
      const dt = 0.01;
      const r = await integrateOde(
        {
          problem: createProblem({ name: 'reddi', bigC, delta }),
          ode: 'adam',
          a: 3,
          b: 1,
          epsilon: 1e-3,
          points: [[0.5], [3]],
          finalTime: 10,
          method,
          dt,
          rtol: 1e-5,
          outputTimes: times,
        },
        await testSession(),
      );
      const k = times.length;
      [0.5, 1].forEach((x0, n) => {
        const hit = (x0 + 1) / speed;
        times.forEach((t, j) => {
          const exact = Math.max(x0 - speed * t, -1);
          const x = r.records.x?.[n * k + j] ?? Number.NaN;
          // float32: ~1e-6 per unit of time away from the crossing; one step of lag at it.
          const bound = Math.abs(t - hit) < 2 * dt ? speed * dt : 1e-5;
          expect(Math.abs(x - exact), `x0 = ${x0}, t = ${t}: x = ${x}`).toBeLessThanOrEqual(bound);
          expect(x).toBeGreaterThanOrEqual(-1);
        });
      });
    },
  );
});
