/**
 * Float64 twin of shaders/lib/math.wgsl: the bias weight r(t) = 1 - e^{-at} and the
 * debiasing rate a / (1 - e^{-at}) of docs/math.md section 3, without cancellation.
 */

/** 1 - e^{-u} for u >= 0, via `Math.expm1` (no cancellation for small u). */
export function oneMinusExpNeg(u: number): number {
  return -Math.expm1(-u);
}

/** a / (1 - e^{-a t}) for t > 0; behaves like 1/t as t -> 0 (the caller handles t = 0). */
export function debiasRate(a: number, t: number): number {
  return a / oneMinusExpNeg(a * t);
}

/**
 * The WGSL `expMinusOne` evaluated in float64 (same branch and polynomial), for tests that
 * separate the truncation error of the series from float32 rounding.
 */
export function expMinusOneSeries(x: number): number {
  if (Math.abs(x) < 0.25) {
    const c = [1 / 40320, 1 / 5040, 1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2, 1];
    let p = 0;
    for (const coefficient of c) p = p * x + coefficient;
    return x * p;
  }
  return Math.exp(x) - 1;
}
