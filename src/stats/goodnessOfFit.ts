/**
 * Reference laws and the Kolmogorov–Smirnov distance of drawn values to them (float64, plain
 * arrays): the random-streams figure and `adamscope draw` (one definition, so the page's number
 * is the CLI's). The normal CDF is src/stats/normal.ts.
 */
import { normalCdf } from './normal.ts';

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

/** A distance of drawn values to their law, its 5 % critical value and its name for readers. */
export interface LawDistance {
  name: string;
  value: number;
  critical: number;
}

/**
 * The distance of `values` to their law: the KS distance for `uniform` (U(0, 1)) and `normal`
 * (N(0, 1)); for `bernoulli` (0/1 draws of B(p)) the KS distance is |p̂ − p|, with the 5 %
 * bound 1.96 √(p(1 − p)/n) of its normal approximation.
 *
 * @example
 * lawDistance('normal', normals, 0.5); // { name: 'KS distance', value: 0.0031, critical: 0.0053 }
 */
export function lawDistance(
  distribution: 'uniform' | 'normal' | 'bernoulli',
  values: ArrayLike<number>,
  p: number,
): LawDistance {
  const n = values.length;
  if (distribution === 'bernoulli') {
    let ones = 0;
    for (let i = 0; i < n; i++) ones += values[i] ?? 0;
    return {
      name: 'KS distance |p̂ − p|',
      value: Math.abs(ones / n - p),
      critical: 1.96 * Math.sqrt((p * (1 - p)) / n),
    };
  }
  return {
    name: 'KS distance',
    value: ksDistance(values, distribution === 'uniform' ? uniformCdf : normalCdf),
    critical: ksCriticalValue(n),
  };
}
