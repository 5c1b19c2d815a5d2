import { oneMinusExpNeg } from './math.ts';
import type { OdeProblem } from './problem.ts';
import type { OdeResult } from './result.ts';

/**
 * ADAM's ODE (Eq. 3.3) written as a heavy ball (docs/math.md section 3, "Heavy ball with
 * friction"): along a solution, per coordinate,
 *
 *     c1(t) ẍ + c2(t) ẋ + ∇F(x) = 0,   c1 = (r/a) D,   c2 = D + (r/a) Ḋ,
 *
 * with r(t) = 1 - e^{-at}, D = ε + √v̂ and Ḋ = v̂'/(2√v̂), v̂' = b/(1 - e^{-bt}) · (S(x) - v̂).
 * The mass c1 vanishes at t = 0 (c1(0) = 0, c2(0) = ε + √S(x0)): the ball starts as a
 * gradient flow preconditioned by 1/D and gains its mass over a time of order 1/a.
 */
export interface MassFriction {
  /** The times (those of the solution). */
  t: Float64Array;
  /** c1(t) of coordinate `coordinate`: the mass. */
  mass: Float64Array;
  /** c2(t) of coordinate `coordinate`: the friction. */
  friction: Float64Array;
}

/** c1 and c2 at one time t ≥ 0 for coordinate i, from x(t) and the debiased v̂(t). */
export function massFrictionAt(
  problem: OdeProblem,
  coefficients: { a: number; b: number; epsilon: number },
  t: number,
  x: ArrayLike<number>,
  vHat: number,
  i = 0,
): { mass: number; friction: number } {
  const { a, b, epsilon } = coefficients;
  const root = Math.sqrt(Math.max(vHat, 0));
  const D = epsilon + root;
  if (t <= 0) return { mass: 0, friction: D };
  const s = new Float64Array(problem.dimension);
  problem.secondMoment(x, s);
  const vDot = (b / oneMinusExpNeg(b * t)) * ((s[i] ?? 0) - vHat);
  const dDot = root > 0 ? vDot / (2 * root) : 0;
  const ra = oneMinusExpNeg(a * t);
  return { mass: (ra / a) * D, friction: D + (ra / a) * dDot };
}

/**
 * The mass c1(t) and friction c2(t) of coordinate `coordinate` along trajectory `trajectory` of
 * a solution of the `adam` or `heavy-ball-adam` ODE whose records hold x and v (d ≤ 4). The
 * records store the paper's v = (1 - e^{-bt}) v̂; at t = 0, v̂ = S(x0).
 *
 * @example
 * const ode = await integrateOde({ problem, ode: 'heavy-ball-adam', a: 1, b: 1, x0: [1.5, 0],
 *   finalTime: 10, method: 'dopri5' }, new CpuBackend());
 * const { mass, friction } = massFrictionAlong(ode);
 */
export function massFrictionAlong(result: OdeResult, coordinate = 0, trajectory = 0): MassFriction {
  const { ode, coefficients, problem } = result.config;
  if (ode !== 'adam' && ode !== 'heavy-ball-adam') {
    throw new Error(`massFrictionAlong: needs an adam or heavy-ball-adam solution, not ${ode}`);
  }
  const d = result.dimension;
  const { x, v } = result.records;
  if (!x || !v) throw new Error('massFrictionAlong: the records hold no x, v (d > 4)');
  if (!(coordinate >= 0 && coordinate < d)) {
    throw new Error(`massFrictionAlong: coordinate ${coordinate} not in [0, ${d})`);
  }
  const K = result.times.length;
  const mass = new Float64Array(K);
  const friction = new Float64Array(K);
  const s = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const t = result.times[k] ?? 0;
    const row = (trajectory * K + k) * d;
    const xk = x.subarray(row, row + d);
    let vHat: number;
    if (t <= 0) {
      problem.secondMoment(xk, s);
      vHat = s[coordinate] ?? 0;
    } else {
      vHat = (v[row + coordinate] ?? 0) / oneMinusExpNeg(coefficients.b * t);
    }
    const c = massFrictionAt(problem, coefficients, t, xk, vHat, coordinate);
    mass[k] = c.mass;
    friction[k] = c.friction;
  }
  return { t: Float64Array.from(result.times), mass, friction };
}
