/**
 * Helpers of the observer-based experiments (weak-convergence, ergodic): log-log fits with a
 * confidence interval and quantile records.
 */
import { ParameterError } from '../errors.ts';
import { createProblem, type ProblemSpec } from '../problems/index.ts';

/** Two-sided 97.5 % quantiles of Student's t with df = 1 .. 30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** t_{0.975, df} (1.96 beyond df = 30, a conservative-enough tail for our sweeps). */
export function tQuantile975(df: number): number {
  return df >= 1 && df <= 30 ? (T975[df - 1] ?? 1.96) : 1.96;
}

/** A fitted slope with its 95 % interval (t interval from the least-squares standard error). */
export interface Slope {
  value: number;
  lo: number;
  hi: number;
  /** Standard error of the slope (NaN with fewer than 3 points). */
  se: number;
  /** Points used (finite, positive x and y). */
  points: number;
}

/**
 * Least-squares slope of log10 y against log10 x over the pairs where both are finite and > 0,
 * with se = sqrt(Σ r² / (k - 2) / Σ (u - ū)²) and the 95 % interval value ± t_{0.975, k-2}·se.
 * The interval measures the scatter of the points about the line (sampling noise of each
 * point and curvature of the log-log curve alike).
 */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): Slope {
  const u: number[] = [];
  const w: number[] = [];
  xs.forEach((x, i) => {
    const y = ys[i] ?? NaN;
    if (x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y)) {
      u.push(Math.log10(x));
      w.push(Math.log10(y));
    }
  });
  const k = u.length;
  if (k < 2) return { value: NaN, lo: NaN, hi: NaN, se: NaN, points: k };
  const mu = u.reduce((s, v) => s + v, 0) / k;
  const mw = w.reduce((s, v) => s + v, 0) / k;
  let sxx = 0;
  let sxy = 0;
  u.forEach((v, i) => {
    sxx += (v - mu) ** 2;
    sxy += (v - mu) * ((w[i] ?? 0) - mw);
  });
  const value = sxy / sxx;
  if (k < 3) return { value, lo: NaN, hi: NaN, se: NaN, points: k };
  const rss = u.reduce((s, v, i) => s + ((w[i] ?? 0) - mw - value * (v - mu)) ** 2, 0);
  const se = Math.sqrt(rss / (k - 2) / sxx);
  const half = tQuantile975(k - 2) * se;
  return { value, lo: value - half, hi: value + half, se, points: k };
}

/** The five quantiles reported per γ. */
export const REPORT_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface Quantiles {
  q05: number;
  q25: number;
  q50: number;
  q75: number;
  q95: number;
}

/** Quantile record from the values at REPORT_QUANTILES, each mapped by `f` (e.g. sqrt). */
export function quantileRecord(
  values: readonly { value: number }[],
  f: (v: number) => number = (v) => v,
): Quantiles {
  const at = (i: number) => f(values[i]?.value ?? NaN);
  return { q05: at(0), q25: at(1), q50: at(2), q75: at(3), q95: at(4) };
}

/** "0.123 [0.100, 0.150]" */
export function formatInterval(value: number, lo: number, hi: number, digits = 3): string {
  return `${value.toFixed(digits)} [${lo.toFixed(digits)}, ${hi.toFixed(digits)}]`;
}

/** The observers keep one 4-coordinate tile per trajectory: refuse problems with d > 4. */
export function requireSingleTile(spec: ProblemSpec): void {
  const dimension = createProblem(spec).dimension;
  if (dimension > 4) {
    throw new ParameterError(
      'problem',
      `${spec.name} of dimension ${dimension}`,
      'a problem of dimension ≤ 4 (the observer keeps one 4-coordinate tile per trajectory)',
    );
  }
}
