import { CpuBackend } from '../backend/index.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import type { OdeProblem } from '../ode/problem.ts';
import { toOdeProblem } from '../ode/problemAdapter.ts';
import type { ProblemDescriptor } from '../problems/index.ts';

/**
 * V(t, z(t)), its exact time derivative and the bound of Lemma 7.5 along one solution of the
 * debiased ADAM ODE (3.3) (docs/math.md section 4), in float64 on the CPU.
 *
 * In debiased variables (m̂, v̂), with w_i = ε + √v̂_i, r_a = 1 − e^{−at}, r_b = 1 − e^{−bt},
 * V = F(x) + (r_a / 2a) Σ m̂_i² / w_i, and differentiating along ẋ = −m̂/w,
 * m̂' = (a / r_a)(∇F − m̂), v̂' = (b / r_b)(S − v̂) (the ∇F·m̂/w terms cancel):
 *
 *     dV/dt = −Σ_i (m̂_i² / w_i) · [ 1 − e^{−at}/2 + (r_a / 2a) · ẇ_i / w_i ],
 *     ẇ_i = v̂_i' / (2√v̂_i) = (b / r_b)(S_i − v̂_i) / (2√v̂_i).
 *
 * The bracket is where b ≤ 4a enters: ẇ_i / w_i ≥ −b / (2 r_b), so the bracket is at least
 * 1 − e^{−at}/2 − (b / 4a)(r_a / r_b), and Lemma 7.5 gives dV/dt ≤ −(ε/2) Σ (a m_i / U_i)²
 * = −(ε/2) Σ (m̂_i / w_i)² ≤ 0. When b > 4a and v̂ falls fast (S ≪ v̂), the bracket can turn
 * negative and V increases. At t = 0, r_a = 0 and v̂ = S(x0): dV/dt = −½ Σ ∇F_i² / w_i.
 */

/** V and its derivative along one ODE solution, at the output times. */
export interface LyapunovPath {
  t: Float64Array;
  /** F(x(t)). */
  F: Float64Array;
  /** V(t, z(t)). */
  V: Float64Array;
  /** dV/dt from the field (exact formula above). */
  dV: Float64Array;
  /** The bound of Lemma 7.5, −(ε/2) Σ (m̂_i / w_i)² (valid when b ≤ 4a). */
  bound: Float64Array;
  /** max_t dV/dt over the output times. */
  maxDV: number;
}

export interface LyapunovPathOptions {
  a: number;
  b: number;
  epsilon: number;
  x0: readonly number[];
  T: number;
  /** Number of output intervals on [0, T] (outputs + 1 times). */
  outputs: number;
  /** dopri5 relative tolerance (default 1e-10). */
  rtol?: number;
}

/** dV/dt and the bound at time t for the debiased state (x, m̂, v̂) (formula above). */
export function lyapunovDerivative(
  problem: OdeProblem,
  c: { a: number; b: number; epsilon: number },
  t: number,
  x: ArrayLike<number>,
  mHat: ArrayLike<number>,
  vHat: ArrayLike<number>,
): { dV: number; bound: number } {
  const d = problem.dimension;
  const s = new Float64Array(d);
  problem.secondMoment(x, s);
  const ra = -Math.expm1(-c.a * t);
  const rb = -Math.expm1(-c.b * t);
  let dV = 0;
  let bound = 0;
  for (let i = 0; i < d; i++) {
    const m = mHat[i] ?? NaN;
    const v = Math.max(vHat[i] ?? NaN, 0);
    const w = c.epsilon + Math.sqrt(v);
    // ẇ/w, zero at t = 0 (r_a = 0 there and (S − v̂)/r_b stays bounded).
    const wDot = t > 0 && v > 0 ? ((c.b / rb) * ((s[i] ?? NaN) - v)) / (2 * Math.sqrt(v)) : 0;
    const bracket = 1 - Math.exp(-c.a * t) / 2 + (t > 0 ? (ra / (2 * c.a)) * (wDot / w) : 0);
    dV -= ((m * m) / w) * bracket;
    bound -= (c.epsilon / 2) * (m / w) ** 2;
  }
  return { dV, bound };
}

/**
 * Integrates the debiased ADAM ODE (dopri5, float64) from `x0` and returns F, V, dV/dt and
 * the bound of Lemma 7.5 at `outputs + 1` equispaced times on [0, T]. Dimension at most 4
 * (the state is recorded only there).
 *
 * @example
 * const path = await lyapunovPath(createProblem({ name: 'double-well' }),
 *   { a: 1, b: 8, epsilon: 0.05, x0: [0.5, 2.5], T: 10, outputs: 200 });
 * path.maxDV > 0; // b > 4a: V increases somewhere
 */
export async function lyapunovPath(
  descriptor: ProblemDescriptor | OdeProblem,
  options: LyapunovPathOptions,
): Promise<LyapunovPath> {
  const problem = toOdeProblem(descriptor);
  const { a, b, epsilon, T, outputs } = options;
  const outputTimes = Array.from({ length: outputs + 1 }, (_, k) => (T * k) / outputs);
  const result = await integrateOde(
    {
      problem,
      ode: 'adam',
      a,
      b,
      epsilon,
      x0: options.x0,
      finalTime: T,
      method: 'dopri5',
      rtol: options.rtol ?? 1e-10,
      atol: 1e-12,
      outputTimes,
      readRecords: true,
      statistics: false,
    },
    new CpuBackend(),
  );
  const { x, m, v } = result.records;
  if (result.status[0] !== 'done' || !x || !m || !v)
    throw new Error(`lyapunovPath: the ODE solve failed (${result.status[0] ?? 'no status'})`);
  const d = result.dimension;
  const K = result.times.length;
  const dV = new Float64Array(K);
  const bound = new Float64Array(K);
  const g = new Float64Array(d);
  const s = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const t = result.times[k] ?? 0;
    const xk = x.subarray(k * d, (k + 1) * d);
    let mHat: ArrayLike<number>;
    let vHat: ArrayLike<number>;
    if (t > 0) {
      const ra = -Math.expm1(-a * t);
      const rb = -Math.expm1(-b * t);
      mHat = m.subarray(k * d, (k + 1) * d).map((mi) => mi / ra);
      vHat = v.subarray(k * d, (k + 1) * d).map((vi) => vi / rb);
    } else {
      // The limits at 0+: m̂ = ∇F(x0), v̂ = S(x0).
      problem.meanGradient(xk, g);
      problem.secondMoment(xk, s);
      mHat = g;
      vHat = s;
    }
    const r = lyapunovDerivative(problem, { a, b, epsilon }, t, xk, mHat, vHat);
    dV[k] = r.dV;
    bound[k] = r.bound;
  }
  return {
    t: result.times,
    F: result.records.F,
    V: result.records.V,
    dV,
    bound,
    maxDV: Math.max(...dV),
  };
}
