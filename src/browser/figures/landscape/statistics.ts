/**
 * The live statistics of a landscape panel, from the particles' positions (read back
 * asynchronously): median F with a distribution-free confidence interval (order statistics),
 * the quartiles, and the fraction of particles near each minimum with its Wilson interval.
 * Non-finite positions count as diverged and are left out. The median uses the rank of the
 * library's records (`quantileRank`, rank ⌈n/2⌉ of the sorted finite values), so on the cpu
 * backend it equals the CLI's `F median` for the same configuration and seed.
 */
import { normalQuantile } from '../../../stats/normal.ts';
import { PROBABILITY_SCALE, quantileRank } from '../../../stats/summaryOptions.ts';
import { wilsonInterval } from '../../../stats/wilson.ts';
import type { LandscapeMinimum } from './problems.ts';

export interface NearMinimum {
  label: string;
  /** Particles within the radius. */
  count: number;
  fraction: number;
  low: number;
  high: number;
}

export interface PanelStatistics {
  /** Live particles (finite positions) and diverged ones. */
  count: number;
  diverged: number;
  median: number;
  /** The confidence interval of the median (order statistics, normal approximation of the ranks). */
  medianLow: number;
  medianHigh: number;
  q25: number;
  q75: number;
  near: NearMinimum[];
}

/** The value of rank ⌈p n⌉ (1-based) of sorted data, as the library's records define it. */
export function quantileOfSorted(sorted: ArrayLike<number>, n: number, p: number): number {
  if (n === 0) return NaN;
  return sorted[quantileRank(Math.round(p * PROBABILITY_SCALE), n) - 1] ?? NaN;
}

/**
 * Statistics of `count` points stored in `positions` (point i at `positions[i·stride]`,
 * `positions[i·stride + 1]`), with F given by `value`.
 */
export function panelStatistics(
  positions: ArrayLike<number>,
  stride: number,
  count: number,
  value: (x: number, y: number) => number,
  minima: readonly LandscapeMinimum[],
  radius: number,
  confidence = 0.95,
): PanelStatistics {
  const f = new Float64Array(count);
  const near = minima.map(() => 0);
  let n = 0;
  const r2 = radius * radius;
  for (let i = 0; i < count; i++) {
    const x = positions[i * stride] ?? NaN;
    const y = positions[i * stride + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const v = value(x, y);
    if (!Number.isFinite(v)) continue;
    f[n++] = v;
    minima.forEach((m, k) => {
      if ((x - m.at[0]) ** 2 + (y - m.at[1]) ** 2 <= r2) near[k] = (near[k] ?? 0) + 1;
    });
  }
  const sorted = f.subarray(0, n).sort();
  const z = normalQuantile((1 + confidence) / 2);
  const half = (z * Math.sqrt(n)) / 2;
  const lowRank = Math.max(1, Math.floor(n / 2 - half));
  const highRank = Math.min(n, Math.ceil(n / 2 + 1 + half));
  return {
    count: n,
    diverged: count - n,
    median: quantileOfSorted(sorted, n, 0.5),
    medianLow: n > 0 ? (sorted[lowRank - 1] ?? NaN) : NaN,
    medianHigh: n > 0 ? (sorted[highRank - 1] ?? NaN) : NaN,
    q25: quantileOfSorted(sorted, n, 0.25),
    q75: quantileOfSorted(sorted, n, 0.75),
    near: minima.map((m, k) => {
      const hits = near[k] ?? 0;
      const interval = wilsonInterval(hits, count, confidence);
      return {
        label: m.label,
        count: hits,
        fraction: count > 0 ? hits / count : NaN,
        low: interval.low,
        high: interval.high,
      };
    }),
  };
}
