import type { OdeProblem } from '../../src/ode/problem.ts';

/**
 * Test-only stand-in for the catalogue (until/besides src/problems): a separable
 * quadratic-plus-quartic F = Σ ½ λ_i e_i² + ¼ κ e_i⁴, e = x - x*, with additive gradient noise
 * of variance σ², so ∇F = λe + κe³ and S = ∇F² + σ². κ = 0 gives quadratic-diag.
 */
export function standInProblem(options: {
  lambdas: readonly number[];
  center?: readonly number[];
  kappa?: number;
  sigma?: number;
}): OdeProblem {
  const { lambdas } = options;
  const d = lambdas.length;
  const center = options.center ?? new Array<number>(d).fill(0);
  const kappa = options.kappa ?? 0;
  const sigma = options.sigma ?? 0.1;
  const e = (x: ArrayLike<number>, i: number) => (x[i] ?? 0) - (center[i] ?? 0);
  const grad = (x: ArrayLike<number>, i: number) =>
    (lambdas[i] ?? 0) * e(x, i) + kappa * e(x, i) ** 3;
  return {
    name: 'stand-in',
    dimension: d,
    value(x) {
      let f = 0;
      for (let i = 0; i < d; i++)
        f += 0.5 * (lambdas[i] ?? 0) * e(x, i) ** 2 + 0.25 * kappa * e(x, i) ** 4;
      return f;
    },
    meanGradient(x, out) {
      for (let i = 0; i < d; i++) out[i] = grad(x, i);
    },
    secondMoment(x, out) {
      for (let i = 0; i < d; i++) out[i] = grad(x, i) ** 2 + sigma * sigma;
    },
    criticalDistanceSq(x) {
      let s = 0;
      for (let i = 0; i < d; i++) s += e(x, i) ** 2;
      return s;
    },
  };
}
