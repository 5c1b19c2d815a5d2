import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.ts';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import { expMinusOneSeries } from '../../src/ode/math.ts';
import type { OdeConfig } from '../../src/ode/config.ts';
import { standInProblem } from '../ode/standInProblem.ts';

const nonlinear = standInProblem({ lambdas: [1, 3], kappa: 0.5, sigma: 0.3, center: [0.5, -0.2] });
const at = (a: Float64Array | undefined, i: number) => a?.[i] ?? Number.NaN;

describe('expMinusOne (the WGSL series, evaluated in float64)', () => {
  it('matches Math.expm1 to 2^-30 relative on [-1, 1] and beyond', () => {
    for (let k = -400; k <= 400; k++) {
      const x = k === 0 ? 1e-30 : (k / 400) * (Math.abs(k) % 7 === 0 ? 30 : 1);
      const rel = Math.abs(expMinusOneSeries(x) - Math.expm1(x)) / Math.abs(Math.expm1(x));
      expect(rel, `x = ${x}`).toBeLessThan(2 ** -30);
    }
  });
});

describe('closed forms', () => {
  it('gradient flow on a diagonal quadratic: x_i(t) - x*_i = e_i(0) e^{-λ_i t}', async () => {
    const lambdas = [0.5, 1, 2, 4, 8];
    const problem = standInProblem({ lambdas, center: [1, -1, 2, 0, 3] });
    const x0 = [2, 0, 0, 1, 1];
    const times = [0, 0.25, 0.5, 1, 2];
    for (const method of ['rk4', 'dopri5'] as const) {
      const r = await integrateOde({
        problem,
        ode: 'gradient-flow',
        x0,
        finalTime: 2,
        method,
        dt: 1e-3,
        rtol: 1e-10,
        atol: 1e-12,
        outputTimes: times,
      });
      times.forEach((t, k) => {
        const exact = Math.sqrt(
          lambdas.reduce(
            (s, l, i) =>
              s + ((x0[i] ?? 0) - ([1, -1, 2, 0, 3][i] ?? 0)) ** 2 * Math.exp(-2 * l * t),
            0,
          ),
        );
        expect(Math.abs(at(r.records.dist, k) - exact), `${method} t=${t}`).toBeLessThan(1e-9);
      });
    }
  });

  it.each([
    ['under-damped', 0.5],
    ['critically damped', 2],
    ['over-damped', 5],
  ])('heavy ball on a 1-D quadratic, %s (λ = %d, ω = 1)', async (_name, lambda) => {
    const problem = standInProblem({ lambdas: [1] });
    const times = Array.from({ length: 11 }, (_, k) => k * 0.8);
    const r = await integrateOde({
      problem,
      ode: 'heavy-ball',
      lambda,
      x0: [1],
      velocity: [0],
      finalTime: 8,
      method: 'dopri5',
      rtol: 1e-11,
      atol: 1e-13,
      outputTimes: times,
    });
    times.forEach((t, k) => {
      expect(Math.abs(at(r.records.x, k) - dampedOscillator(lambda, t)), `t=${t}`).toBeLessThan(
        1e-9,
      );
    });
  });
});

/** x(t) for ẍ + λẋ + x = 0, x(0) = 1, ẋ(0) = 0. */
function dampedOscillator(lambda: number, t: number): number {
  const disc = lambda * lambda - 4;
  const decay = Math.exp((-lambda * t) / 2);
  if (Math.abs(disc) < 1e-12) return decay * (1 + (lambda / 2) * t);
  if (disc < 0) {
    const w = Math.sqrt(-disc) / 2;
    return decay * (Math.cos(w * t) + (lambda / (2 * w)) * Math.sin(w * t));
  }
  const r1 = (-lambda + Math.sqrt(disc)) / 2;
  const r2 = (-lambda - Math.sqrt(disc)) / 2;
  return (r2 * Math.exp(r1 * t) - r1 * Math.exp(r2 * t)) / (r2 - r1);
}

/**
 * Observed orders log2(e(h)/e(h/2)) at T for fixed steps h = h0 / 2^j (float64); dopri5 starts
 * at h0 = 0.4 so that its errors stay well above the reference's (~1e-13).
 */
async function observedOrders(
  base: OdeConfig,
  method: 'euler' | 'rk4' | 'dopri5',
): Promise<number[]> {
  const ref = await integrateOde({ ...base, method: 'dopri5', rtol: 1e-13, atol: 1e-15 });
  const errors: number[] = [];
  const h0 = method === 'dopri5' ? 0.4 : 0.1;
  for (const dt of [h0, h0 / 2, h0 / 4, h0 / 8]) {
    // dopri5 with dtMin = dtMax = dt and huge tolerances takes fixed steps.
    const r = await integrateOde({
      ...base,
      method,
      dt,
      dtMin: dt,
      dtMax: dt,
      rtol: 1e10,
      atol: 1e10,
    });
    errors.push(
      Math.hypot(
        at(r.records.x, 0) - at(ref.records.x, 0),
        at(r.records.x, 1) - at(ref.records.x, 1),
      ),
    );
  }
  return errors.slice(1).map((e, i) => Math.log2((errors[i] ?? 0) / e));
}

describe('observed order of convergence by step halving (float64)', () => {
  const smooth: [OdeConfig['ode'], number, number][] = [
    ['gradient-flow', 1, 0],
    ['heavy-ball', 1, 0],
    ['heavy-ball-frozen', 1, 0],
  ];
  for (const [ode] of smooth) {
    it.each([
      ['euler', 0.9, 1.15],
      ['rk4', 3.8, 4.3],
      ['dopri5', 4.7, 7.5],
    ] as const)(`${ode}: %s`, async (method, low, high) => {
      const orders = await observedOrders(
        {
          problem: nonlinear,
          ode,
          a: 3,
          lambda: 1,
          epsilon: 1e-3,
          x0: [1.5, 1],
          finalTime: 2,
          outputTimes: [2],
          method,
        },
        method,
      );
      const last = orders.at(-1) ?? 0;
      expect(last, orders.join(' ')).toBeGreaterThan(low);
      expect(last, orders.join(' ')).toBeLessThan(high);
    });
  }

  it.each(['rk4', 'dopri5'] as const)(
    'debiased ADAM from t = 0: order ≈ 3 for %s (reduction by the 1/t-singular rate a/(1 - e^{-at}))',
    async (method) => {
      const orders = await observedOrders(
        {
          problem: nonlinear,
          ode: 'adam',
          a: 3,
          b: 2,
          epsilon: 1e-3,
          x0: [1.5, 1],
          finalTime: 2,
          outputTimes: [2],
          method,
        },
        method,
      );
      expect(orders.at(-1) ?? 0, orders.join(' ')).toBeGreaterThan(2.5);
    },
  );
});

describe('debiased ADAM near t = 0', () => {
  it('x(t) = x0 - t ∇F(x0)/(ε + √S(x0)) + O(t²)', async () => {
    const x0 = [1.5, 1];
    const times = [0, 1e-4, 2e-4, 4e-4, 8e-4, 1.6e-3];
    const epsilon = 1e-3;
    const r = await integrateOde({
      problem: nonlinear,
      ode: 'adam',
      a: 100,
      b: 1,
      epsilon,
      x0,
      finalTime: 1.6e-3,
      method: 'dopri5',
      rtol: 1e-12,
      atol: 1e-14,
      outputTimes: times,
    });
    const g = new Float64Array(2);
    const s = new Float64Array(2);
    nonlinear.meanGradient(x0, g);
    nonlinear.secondMoment(x0, s);
    const ratios = times.slice(1).map((t, j) => {
      const k = j + 1;
      const dev = [0, 1].map(
        (i) =>
          at(r.records.x, 2 * k + i) -
          ((x0[i] ?? 0) - (t * (g[i] ?? 0)) / (epsilon + Math.sqrt(s[i] ?? 0))),
      );
      return Math.hypot(...dev) / (t * t);
    });
    // deviation / t² stays bounded (and converges) as t → 0.
    for (const q of ratios) expect(q).toBeLessThan(2 * (ratios[0] ?? 0) + 1);
    expect(at(r.records.V, 0)).toBeCloseTo(nonlinear.value(x0), 14);
  });

  it('heavy-ball-adam (c1 ẍ + c2 ẋ + ∇F = 0) has the same x(t) as debiased ADAM', async () => {
    const base = {
      problem: nonlinear,
      a: 3,
      b: 2,
      epsilon: 1e-3,
      x0: [1.5, 1],
      finalTime: 3,
      method: 'dopri5',
      rtol: 1e-11,
      atol: 1e-13,
    } as const;
    const adam = await integrateOde({ ...base, ode: 'adam' });
    const hb = await integrateOde({ ...base, ode: 'heavy-ball-adam' });
    adam.records.x?.forEach((x, i) => expect(Math.abs(x - at(hb.records.x, i))).toBeLessThan(1e-8));
    adam.records.V.forEach((v, i) => expect(Math.abs(v - at(hb.records.V, i))).toBeLessThan(1e-8));
  });
});

describe('Lyapunov function and adaptive steps', () => {
  it('V(t, z(t)) is non-increasing for b ≤ 4a and F(x(t)) ≤ F(x0)', async () => {
    for (const [a, b] of [
      [1, 4],
      [3, 1],
      [10, 0.5],
    ] as const) {
      const r = await integrateOde({
        problem: nonlinear,
        ode: 'adam',
        a,
        b,
        epsilon: 1e-3,
        cloud: { count: 8, spread: 1, seed: 3 },
        finalTime: 5,
        method: 'dopri5',
        rtol: 1e-10,
        atol: 1e-12,
      });
      const k = r.times.length;
      for (let n = 0; n < r.trajectoryCount; n++) {
        for (let j = 1; j < k; j++) {
          expect(
            at(r.records.V, n * k + j),
            `a=${a} b=${b} traj ${n} t=${r.times[j]}`,
          ).toBeLessThanOrEqual(at(r.records.V, n * k + j - 1) + 1e-9);
          expect(at(r.records.F, n * k + j)).toBeLessThanOrEqual(at(r.records.F, n * k) + 1e-9);
        }
      }
    }
  });

  it('dopri5 trajectories take different numbers of steps', async () => {
    const r = await integrateOde({
      problem: nonlinear,
      ode: 'adam',
      a: 3,
      b: 1,
      epsilon: 1e-3,
      cloud: { count: 6, spread: 2, seed: 'steps' },
      finalTime: 4,
      method: 'dopri5',
      rtol: 1e-6,
    });
    expect(new Set(r.stepCounts.accepted).size).toBeGreaterThan(1);
    expect(r.status.every((s) => s === 'done')).toBe(true);
  });
});

describe('bad input', () => {
  const base: OdeConfig = {
    problem: nonlinear,
    ode: 'adam',
    a: 1,
    b: 1,
    epsilon: 1e-8,
    x0: [0, 0],
    finalTime: 1,
    method: 'rk4',
    dt: 0.01,
  };
  it.each([
    ['a', { a: 0 }],
    ['b', { b: -1 }],
    ['epsilon', { epsilon: 0 }],
    ['finalTime', { finalTime: -2 }],
    ['dt', { dt: 0 }],
    ['rtol', { method: 'dopri5', rtol: 0 }],
    ['atol', { method: 'dopri5', atol: -1 }],
    ['dt', { dt: 1e-3, maxSteps: 100 }],
    ['lambda', { ode: 'heavy-ball', lambda: -1 }],
    ['x0', { x0: [1] }],
  ] as const)('%s', async (parameter, patch) => {
    const error = await integrateOde({ ...base, ...patch } as OdeConfig).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(parameter);
    expect((error as ParameterError).message).toMatch(/allowed/);
  });

  it('b > 4a runs with a warning', async () => {
    const r = await integrateOde({ ...base, a: 1, b: 5 });
    expect(r.warnings.join()).toMatch(/b = 5 > 4a = 4/);
  });

  it('converts γ, α, β by a = (1 - α)/γ, b = (1 - β)/γ', async () => {
    const rest: OdeConfig = { ...base };
    delete rest.a;
    delete rest.b;
    const r = await integrateOde({ ...rest, gamma: 1e-3, alpha: 0.9, beta: 0.999 });
    expect(r.config.coefficients.a).toBeCloseTo(100, 9);
    expect(r.config.coefficients.b).toBeCloseTo(1, 9);
  });
});

describe('statistics over trajectories', () => {
  it('summarizeOde gives mean, std and quantiles per output time', async () => {
    const { summarizeOde } = await import('../../src/ode/summarizeOde.ts');
    const r = await integrateOde({
      problem: nonlinear,
      ode: 'gradient-flow',
      cloud: { count: 20, spread: 1, seed: 4 },
      finalTime: 1,
      method: 'rk4',
      dt: 0.05,
      outputTimes: [0, 1],
    });
    const stats = summarizeOde(r);
    const first = Array.from({ length: 20 }, (_, n) => r.records.F[2 * n] ?? 0);
    expect(stats.F[0]?.mean).toBeCloseTo(first.reduce((s, x) => s + x, 0) / 20, 12);
    expect(stats.F[1]?.q50 ?? 0).toBeLessThan(stats.F[0]?.q50 ?? 0);
  });
});
