import { wilsonInterval, type WilsonInterval } from './wilson.ts';
import {
  quantileRank,
  resolveSummaryOptions,
  type ResolvedSummaryOptions,
  type SummaryOptions,
} from './summaryOptions.ts';

/** One quantile: probability (rounded to a multiple of 2^-24) and value. */
export interface QuantileEstimate {
  probability: number;
  value: number;
}

/**
 * Statistics of a set of values. Non-finite values (NaN, ±Inf) are counted in `nonFinite`
 * and excluded from every other field. With no finite value, the moments, min, max and
 * quantiles are NaN.
 */
export interface Summary {
  /** Number of finite values. */
  count: number;
  nonFinite: number;
  sum: number;
  mean: number;
  /** Population variance M2 / n. */
  variance: number;
  /** Sample variance M2 / (n - 1); NaN for n < 2. */
  sampleVariance: number;
  /** M2 = Σ (x - mean)². */
  m2: number;
  min: number;
  max: number;
  /** Type-1 quantiles x_(k), k = max(1, ceil(p n)). */
  quantiles: QuantileEstimate[];
  /** Bound on |quantile error|: the histogram bin width (max - min) / bins; 0 when exact. */
  quantileResolution: number;
  threshold: number;
  /** Number of finite values x > threshold. */
  aboveThreshold: number;
  /** aboveThreshold / count (NaN when count = 0). */
  fractionAbove: number;
  /** Wilson score interval of fractionAbove. */
  fractionAboveInterval: WilsonInterval;
}

/** Fills the derived fields of a `Summary` from the raw ones. */
export function completeSummary(
  raw: Pick<
    Summary,
    'count' | 'nonFinite' | 'sum' | 'mean' | 'm2' | 'min' | 'max' | 'threshold' | 'aboveThreshold'
  > & { quantiles: QuantileEstimate[]; quantileResolution: number },
  confidence: number,
): Summary {
  const n = raw.count;
  const empty = n === 0;
  return {
    ...raw,
    mean: empty ? NaN : raw.mean,
    sum: raw.sum,
    m2: empty ? NaN : raw.m2,
    variance: empty ? NaN : raw.m2 / n,
    sampleVariance: n < 2 ? NaN : raw.m2 / (n - 1),
    min: empty ? NaN : raw.min,
    max: empty ? NaN : raw.max,
    quantiles: raw.quantiles.map((q) => ({ ...q, value: empty ? NaN : q.value })),
    quantileResolution: empty ? NaN : raw.quantileResolution,
    fractionAbove: empty ? NaN : raw.aboveThreshold / n,
    fractionAboveInterval: wilsonInterval(raw.aboveThreshold, n, confidence),
  };
}

/** Neumaier's compensated sum: error ≤ 2u Σ|x| + O(n u²) in float64, u = 2^-53. */
function compensatedSum(values: Float64Array, shift = 0, square = false): number {
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const x = square ? (v - shift) * (v - shift) : v;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

function summarizeSegment(
  values: ArrayLike<number>,
  first: number,
  options: ResolvedSummaryOptions,
): Summary {
  const { segmentLength, offset, stride, threshold } = options;
  const finite = new Float64Array(segmentLength);
  let n = 0;
  let aboveThreshold = 0;
  for (let i = 0; i < segmentLength; i++) {
    const x = values[offset + (first + i) * stride] ?? NaN;
    if (!Number.isFinite(x)) continue;
    finite[n++] = x;
    if (x > threshold) aboveThreshold++;
  }
  const data = finite.subarray(0, n);
  const sum = compensatedSum(data);
  const mean = n > 0 ? sum / n : 0;
  // Two-pass M2 (the float64 reference; error ≤ (n + 2) u M2 + u² terms, Chan et al. 1983).
  const m2 = compensatedSum(data, mean, true);
  data.sort();
  const quantiles = options.probabilityNumerators.map((numerator, i) => ({
    probability: options.quantiles[i] ?? NaN,
    value: n > 0 ? (data[quantileRank(numerator, n) - 1] ?? NaN) : NaN,
  }));
  return completeSummary(
    {
      count: n,
      nonFinite: segmentLength - n,
      sum,
      mean,
      m2,
      min: data[0] ?? NaN,
      max: data[n - 1] ?? NaN,
      threshold,
      aboveThreshold,
      quantiles,
      quantileResolution: 0,
    },
    options.confidence,
  );
}

/** Number of values a strided view of `length` elements holds. */
function viewCount(length: number, options: SummaryOptions): number {
  const offset = options.offset ?? 0;
  const stride = options.stride ?? 1;
  return length > offset ? Math.floor((length - offset - 1) / stride) + 1 : 0;
}

/**
 * Float64 twin of `GpuReducer.summarizeSegments`: one `Summary` per segment, quantiles exact
 * (from sorting). `count` defaults to every value of the strided view.
 * Example: `summarizeSegments([1, 2, 3, 4], { segments: 2 })[1].mean === 3.5`.
 */
export function summarizeSegments(
  values: ArrayLike<number>,
  options: SummaryOptions & { count?: number } = {},
): Summary[] {
  const count = options.count ?? viewCount(values.length, options);
  const resolved = resolveSummaryOptions(count, options);
  const summaries: Summary[] = [];
  for (let g = 0; g < resolved.segments; g++) {
    summaries.push(summarizeSegment(values, g * resolved.segmentLength, resolved));
  }
  return summaries;
}

/**
 * Float64 twin of `GpuReducer.summarize`: count, sum, mean, variance, min, max, exact type-1
 * quantiles, non-finite count and the fraction above a threshold with its Wilson interval.
 * Example: `summarize([1, 2, NaN, 4]).mean === 7 / 3` (the NaN is counted in `nonFinite`).
 */
export function summarize(
  values: ArrayLike<number>,
  options: Omit<SummaryOptions, 'segments'> & { count?: number } = {},
): Summary {
  const [only] = summarizeSegments(values, { ...options, segments: 1 });
  if (!only) throw new Error('summarize: no segment');
  return only;
}
