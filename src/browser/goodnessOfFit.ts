/**
 * Reference laws and the Kolmogorov–Smirnov distance, used by the random-stream figures
 * (float64, plain arrays). The normal CDF is src/stats/normal.ts.
 */

/** Density of the standard normal law. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/** Distribution function of the uniform law on (0, 1). */
export function uniformCdf(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Kolmogorov–Smirnov distance sup_x |F_n(x) - F(x)| between the empirical law of `values`
 * and a continuous distribution function `cdf`. Sorts a float64 copy: O(n log n).
 *
 * @example
 * ksDistance(new Float32Array(uniforms), uniformCdf); // about 0.87 / sqrt(n) on average
 */
export function ksDistance(values: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i] ?? 0);
    distance = Math.max(distance, (i + 1) / n - f, f - i / n);
  }
  return distance;
}

/**
 * Asymptotic critical value of the KS distance at level `alpha` for n draws:
 * sqrt(-ln(alpha / 2) / 2) / sqrt(n) (1.358 / sqrt(n) at 5 %).
 */
export function ksCriticalValue(n: number, alpha = 0.05): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) / Math.sqrt(n);
}
