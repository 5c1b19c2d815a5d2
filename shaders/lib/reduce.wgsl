// Shared pieces of the reduction kernels (reduce_moments, reduce_merge, reduce_histogram,
// reduce_finalize). src/kernels/reduce*.ts drives them; src/stats/summary.ts is the float64
// twin. Tolerances: docs/numerics.md, section "Reductions and random-number checks".

// Partial statistics of a set of finite values (Chan, Golub & LeVeque 1979): count, mean and
// M2 = sum (x - mean)^2 merge pairwise; the sum is kept separately so that its error is a
// plain tree-sum error (relative to sum |x|). Empty sets: count 0, mean 0, m2 0, min = +MAX,
// max = -MAX (the largest finite f32, so no infinity constant is needed).
struct ReducePartial {
  count: u32,
  nonFinite: u32,        // NaN and +-Inf, excluded from every other field
  aboveThreshold: u32,   // finite values x > threshold
  padding: u32,
  sum: f32,
  mean: f32,
  m2: f32,
  minValue: f32,
  maxValue: f32,
}

// The chunk of tiles one dispatch of reduce_moments / reduce_histogram covers. Values are
// split into `segmentCount` contiguous segments of `segmentLength`; each segment into tiles
// of TILE_VALUES; tiles are numbered segment-major. Value v of this chunk is the f32 element
// (v - chunkFirstValue) * stride + elementShift of the bound input range.
struct ReduceChunkParams {
  firstTile: u32,
  tileCount: u32,
  tilesPerSegment: u32,
  segmentLength: u32,
  chunkFirstValue: u32,
  elementShift: u32,
  stride: u32,
  threshold: f32,
  bins: u32,           // histogram bins of this request, <= HISTOGRAM_BINS (histogram pass only)
}

// One record of the caller's results buffer (one per segment), decoded by
// src/kernels/reduceDecode.ts. probabilities[i] = probabilityNumerators[i] / 2^24.
struct ReduceSummary {
  count: u32,
  nonFinite: u32,
  aboveThreshold: u32,
  quantileCount: u32,
  bins: u32,
  sum: f32,
  mean: f32,
  m2: f32,
  minValue: f32,
  maxValue: f32,
  threshold: f32,
  probabilityNumerators: array<u32, 8>,
  quantiles: array<f32, 8>,
}

const REDUCE_MAX_F32: f32 = 3.4028234e38;

fn reduceEmpty() -> ReducePartial {
  return ReducePartial(0u, 0u, 0u, 0u, 0.0, 0.0, 0.0, REDUCE_MAX_F32, -REDUCE_MAX_F32);
}

// True for NaN and +-Inf, by the exponent bits (robust to fast-math compilers).
fn reduceIsNonFinite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7F800000u) == 0x7F800000u;
}

// Adds one value (Welford's update; non-finite values are only counted).
fn reduceAddValue(acc: ReducePartial, x: f32, threshold: f32) -> ReducePartial {
  var r = acc;
  if (reduceIsNonFinite(x)) {
    r.nonFinite += 1u;
    return r;
  }
  r.count += 1u;
  r.sum += x;
  let delta = x - r.mean;
  r.mean += delta / f32(r.count);
  r.m2 += delta * (x - r.mean);
  r.minValue = min(r.minValue, x);
  r.maxValue = max(r.maxValue, x);
  r.aboveThreshold += select(0u, 1u, x > threshold);
  return r;
}

// Chan's merge: delta = mean_b - mean_a, mean = mean_a + delta n_b / n,
// m2 = m2_a + m2_b + delta^2 n_a n_b / n.
fn reduceMerge(a: ReducePartial, b: ReducePartial) -> ReducePartial {
  let n = a.count + b.count;
  if (b.count == 0u) {
    var r = a;
    r.nonFinite += b.nonFinite;
    return r;
  }
  if (a.count == 0u) {
    var r = b;
    r.nonFinite += a.nonFinite;
    return r;
  }
  let na = f32(a.count);
  let nb = f32(b.count);
  let weightB = nb / f32(n);
  let delta = b.mean - a.mean;
  var r: ReducePartial;
  r.count = n;
  r.nonFinite = a.nonFinite + b.nonFinite;
  r.aboveThreshold = a.aboveThreshold + b.aboveThreshold;
  r.padding = 0u;
  r.sum = a.sum + b.sum;
  r.mean = a.mean + delta * weightB;
  r.m2 = a.m2 + b.m2 + delta * delta * na * weightB;
  r.minValue = min(a.minValue, b.minValue);
  r.maxValue = max(a.maxValue, b.maxValue);
  return r;
}
