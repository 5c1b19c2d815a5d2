import { PROBABILITY_SCALE, quantileRank } from './summaryOptions.ts';

/**
 * Histograms on a fixed, shared grid, so that histograms of disjoint sets of values (shards
 * of a run) add up to the histogram of their union and give its quantiles to a stated
 * resolution. The grid is symmetric-logarithmic: `perDecade` bins per decade of |v| from
 * 10^lo to 10^hi on each side of 0, one bin for |v| < 10^lo, one overflow bin on each side.
 *
 * Index layout (B = (hi - lo)·perDecade): 0 = v ≤ -10^hi; 1 … B = negative values, largest
 * magnitude first; B + 1 = |v| < 10^lo; B + 2 … 2B + 1 = positive values, smallest first;
 * 2B + 2 = v ≥ 10^hi. Non-finite values are not binned (they are the diverged trajectories).
 */
export interface LogGrid {
  kind: 'symlog';
  /** log10 of the smallest magnitude resolved (below: the zero bin). */
  lo: number;
  /** log10 of the largest magnitude resolved (above: the overflow bins). */
  hi: number;
  perDecade: number;
}

/** The grid every run and `adamscope merge` use: 100 bins per decade over [1e-12, 1e12]. */
export const DEFAULT_GRID: LogGrid = { kind: 'symlog', lo: -12, hi: 12, perDecade: 100 };

/** A histogram as the non-empty bins and their counts (ascending indices). */
export interface SparseHistogram {
  bins: number[];
  counts: number[];
}

/**
 * The resolution of a quantile read from a histogram on `grid`: the bin's geometric centre is
 * within a factor 10^(±1/(2·perDecade)) of every value of the bin (1.16 % at 100 per decade),
 * and within 10^lo of 0 in the zero bin; values beyond 10^hi are reported as ±10^hi.
 */
export function quantileResolution(grid: LogGrid): { relative: number; absolute: number } {
  return { relative: 10 ** (1 / (2 * grid.perDecade)) - 1, absolute: 10 ** grid.lo };
}

function binsPerSide(grid: LogGrid): number {
  return Math.round((grid.hi - grid.lo) * grid.perDecade);
}

/** The bin of a finite value. */
export function binOf(grid: LogGrid, value: number): number {
  const B = binsPerSide(grid);
  const magnitude = Math.abs(value);
  if (magnitude < 10 ** grid.lo) return B + 1;
  if (magnitude >= 10 ** grid.hi) return value < 0 ? 0 : 2 * B + 2;
  const k = Math.min(
    B - 1,
    Math.max(0, Math.floor((Math.log10(magnitude) - grid.lo) * grid.perDecade)),
  );
  return value < 0 ? B - k : B + 2 + k;
}

/** The value a bin stands for: its geometric centre (0 for the zero bin, ±10^hi for overflow). */
export function binValue(grid: LogGrid, bin: number): number {
  const B = binsPerSide(grid);
  if (bin === B + 1) return 0;
  if (bin <= 0) return -(10 ** grid.hi);
  if (bin >= 2 * B + 2) return 10 ** grid.hi;
  const k = bin <= B ? B - bin : bin - (B + 2);
  const magnitude = 10 ** (grid.lo + (k + 0.5) / grid.perDecade);
  return bin <= B ? -magnitude : magnitude;
}

/** The histogram of the finite values of `values` (optionally a strided view). */
export function logHistogram(
  grid: LogGrid,
  values: ArrayLike<number>,
  options: { offset?: number; stride?: number; count?: number } = {},
): SparseHistogram {
  const { offset = 0, stride = 1 } = options;
  const count = options.count ?? Math.floor((values.length - offset + stride - 1) / stride);
  const tally = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const v = values[offset + i * stride] ?? NaN;
    if (!Number.isFinite(v)) continue;
    const b = binOf(grid, v);
    tally.set(b, (tally.get(b) ?? 0) + 1);
  }
  const bins = [...tally.keys()].sort((a, b) => a - b);
  return { bins, counts: bins.map((b) => tally.get(b) ?? 0) };
}

/** The sum of histograms on one grid. */
export function addHistograms(histograms: readonly SparseHistogram[]): SparseHistogram {
  const tally = new Map<number, number>();
  for (const h of histograms)
    h.bins.forEach((b, i) => tally.set(b, (tally.get(b) ?? 0) + (h.counts[i] ?? 0)));
  const bins = [...tally.keys()].sort((a, b) => a - b);
  return { bins, counts: bins.map((b) => tally.get(b) ?? 0) };
}

/**
 * Type-1 quantile x_(k), k = max(1, ceil(p n)) with p rounded to a multiple of 2^-24 (as the
 * reductions do: src/stats/summaryOptions.ts), as the value of the bin holding it (NaN when empty).
 */
export function histogramQuantile(grid: LogGrid, h: SparseHistogram, p: number): number {
  const n = h.counts.reduce((s, c) => s + c, 0);
  if (n === 0) return NaN;
  const k = quantileRank(Math.round(p * PROBABILITY_SCALE), n);
  let seen = 0;
  for (let i = 0; i < h.bins.length; i++) {
    seen += h.counts[i] ?? 0;
    if (seen >= k) return binValue(grid, h.bins[i] ?? 0);
  }
  return binValue(grid, h.bins.at(-1) ?? 0);
}
