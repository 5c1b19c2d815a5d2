// Last step (needs lib/reduce.wgsl): invocation g turns segment g's merged partial and (when
// quantileCount > 0) its histogram into results[firstSlot + g]. Quantile p is the type-1
// (inverse empirical CDF) quantile x_(k), k = max(1, ceil(p n)) with p = numerator / 2^24,
// computed exactly in integers; it is located in the bin whose cumulative count first
// reaches k and interpolated linearly inside it, so it lies within one bin of x_(k).

override WORKGROUP_SIZE: u32 = 64u;
override HISTOGRAM_BINS: u32 = 2048u;

struct ReduceFinalizeParams {
  segmentCount: u32,
  firstSlot: u32,
  quantileCount: u32,
  threshold: f32,
  bins: u32,                    // histogram bins per segment, <= HISTOGRAM_BINS
  probabilityNumerators: array<u32, 8>,
}

@group(0) @binding(0) var<storage, read> params: ReduceFinalizeParams;
@group(0) @binding(1) var<storage, read> segmentPartials: array<ReducePartial>;
@group(0) @binding(2) var<storage, read> histogram: array<u32>;
@group(0) @binding(3) var<storage, read_write> results: array<ReduceSummary>;

// ceil(numerator * n / 2^24) in 32-bit pieces (numerator <= 2^24, so the product < 2^56).
fn reduceQuantileRank(numerator: u32, n: u32) -> u32 {
  let aLo = numerator & 0xFFFFu;
  let aHi = numerator >> 16u;
  let bLo = n & 0xFFFFu;
  let bHi = n >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let mid = (loLo >> 16u) + (hiLo & 0xFFFFu) + (loHi & 0xFFFFu);
  let high = aHi * bHi + (hiLo >> 16u) + (loHi >> 16u) + (mid >> 16u);
  let low = numerator * n;
  let roundedLow = low + 0xFFFFFFu;
  let carry = select(0u, 1u, roundedLow < low);
  let rank = ((high + carry) << 8u) | (roundedLow >> 24u);
  return max(rank, 1u);
}

fn reduceQuantile(segment: u32, rank: u32, low: f32, high: f32) -> f32 {
  let bins = min(params.bins, HISTOGRAM_BINS);
  var before = 0u;
  var found = bins - 1u;
  var inBin = 1u;
  for (var b = 0u; b < bins; b++) {
    let c = histogram[segment * bins + b];
    if (before + c >= rank) {
      found = b;
      inBin = c;
      break;
    }
    before += c;
  }
  let position = (f32(found) + f32(rank - before) / f32(max(inBin, 1u))) / f32(bins);
  let estimate = low + (high * 0.5 - low * 0.5) * (2.0 * position);
  return clamp(estimate, low, high);
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn reduceFinalize(@builtin(global_invocation_id) id: vec3<u32>) {
  let segment = id.x;
  if (segment >= params.segmentCount) { return; }
  let p = segmentPartials[segment];
  var summary: ReduceSummary;
  summary.count = p.count;
  summary.nonFinite = p.nonFinite;
  summary.aboveThreshold = p.aboveThreshold;
  summary.quantileCount = params.quantileCount;
  summary.bins = select(0u, min(params.bins, HISTOGRAM_BINS), params.quantileCount > 0u);
  summary.sum = p.sum;
  summary.mean = p.mean;
  summary.m2 = p.m2;
  summary.minValue = p.minValue;
  summary.maxValue = p.maxValue;
  summary.threshold = params.threshold;
  for (var q = 0u; q < 8u; q++) {
    summary.probabilityNumerators[q] = params.probabilityNumerators[q];
    summary.quantiles[q] = 0.0;
    if (q < params.quantileCount && p.count > 0u) {
      let rank = reduceQuantileRank(params.probabilityNumerators[q], p.count);
      summary.quantiles[q] = reduceQuantile(segment, rank, p.minValue, p.maxValue);
    }
  }
  results[params.firstSlot + segment] = summary;
}
