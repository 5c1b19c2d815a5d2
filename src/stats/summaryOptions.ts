import { ParameterError } from '../errors.ts';

/** At most this many quantiles per summary (the `quantiles` array of WGSL `ReduceSummary`). */
export const MAX_QUANTILES = 8;
/** Histogram bins allowed on the GPU: one u32 per bin must fit in 16 KiB of workgroup memory. */
export const MAX_HISTOGRAM_BINS = 4096;
/** Quantile probabilities are rounded to multiples of 2^-24 (exact integer ranks on the GPU). */
export const PROBABILITY_SCALE = 2 ** 24;

/** What to compute; every field is optional. Shared by the GPU reducer and the CPU twin. */
export interface SummaryOptions {
  /** Quantile probabilities in [0, 1], at most 8. Default [0.05, 0.25, 0.5, 0.75, 0.95]; [] skips them. */
  quantiles?: readonly number[];
  /** `fractionAbove` counts finite x > threshold (compared in float32 on the GPU). Default 0. */
  threshold?: number;
  /** Confidence level of the Wilson interval of `fractionAbove`, in (0, 1). Default 0.95. */
  confidence?: number;
  /** Number of contiguous equal segments reduced separately; must divide the count. Default 1. */
  segments?: number;
  /** Value i is the float32 element offset + i * stride. Defaults 0 and 1. */
  offset?: number;
  stride?: number;
}

/** `SummaryOptions` with defaults applied and checked. */
export interface ResolvedSummaryOptions {
  quantiles: number[];
  probabilityNumerators: number[];
  threshold: number;
  confidence: number;
  segments: number;
  segmentLength: number;
  offset: number;
  stride: number;
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ParameterError(name, value, `an integer in [${min}, ${max}]`);
  }
}

/** Applies defaults and throws `ParameterError` naming the first bad parameter. */
export function resolveSummaryOptions(
  count: number,
  options: SummaryOptions = {},
): ResolvedSummaryOptions {
  checkInteger('count', count, 0, 2 ** 32 - 1);
  const quantiles = [...(options.quantiles ?? [0.05, 0.25, 0.5, 0.75, 0.95])];
  if (quantiles.length > MAX_QUANTILES) {
    throw new ParameterError('quantiles.length', quantiles.length, `at most ${MAX_QUANTILES}`);
  }
  quantiles.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new ParameterError(`quantiles[${i}]`, p, 'a number in [0, 1]');
  });
  const threshold = options.threshold ?? 0;
  if (Number.isNaN(threshold)) {
    throw new ParameterError('threshold', threshold, 'a number (not NaN; ±Infinity allowed)');
  }
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new ParameterError('confidence', confidence, 'a number in the open interval (0, 1)');
  }
  const segments = options.segments ?? 1;
  checkInteger('segments', segments, 1, 2 ** 22);
  if (count % segments !== 0) {
    throw new ParameterError('segments', segments, `a divisor of count = ${count}`);
  }
  const offset = options.offset ?? 0;
  checkInteger('offset', offset, 0, 2 ** 32 - 1);
  const stride = options.stride ?? 1;
  checkInteger('stride', stride, 1, 2 ** 24);
  const probabilityNumerators = quantiles.map((p) => Math.round(p * PROBABILITY_SCALE));
  return {
    quantiles: probabilityNumerators.map((n) => n / PROBABILITY_SCALE),
    probabilityNumerators,
    threshold,
    confidence,
    segments,
    segmentLength: count / segments,
    offset,
    stride,
  };
}

/**
 * Rank k = max(1, ceil(p n)) (1-based) of the type-1 quantile x_(k) for p = numerator / 2^24,
 * exactly (BigInt), as `reduceQuantileRank` in shaders/kernels/reduce_finalize.wgsl.
 */
export function quantileRank(probabilityNumerator: number, n: number): number {
  const product = BigInt(probabilityNumerator) * BigInt(n);
  const scale = BigInt(PROBABILITY_SCALE);
  return Math.max(1, Number((product + scale - 1n) / scale));
}
