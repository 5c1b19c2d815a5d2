// Second pass for quantiles (needs lib/reduce.wgsl): counts the finite values of each tile in
// params.bins equal bins over [min, max] of its segment (from the first pass), first in a
// workgroup histogram, then added to the segment's bins in `histogram` (cleared by the host;
// params.bins per segment). HISTOGRAM_BINS is the capacity (workgroup array); a request may use
// fewer bins (sized to its segments), which clears and flushes only those.
// Bin of x: floor((x - min) / (max - min) * bins), clamped to [0, bins - 1]; computed on
// halves so that max - min cannot overflow. Tiles and chunks as in reduce_moments.

override WORKGROUP_SIZE: u32 = 256u;
override VALUES_PER_THREAD: u32 = 8u;
override HISTOGRAM_BINS: u32 = 2048u;

@group(0) @binding(0) var<uniform> params: ReduceChunkParams;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read> segmentPartials: array<ReducePartial>;
@group(0) @binding(3) var<storage, read_write> histogram: array<atomic<u32>>;

var<workgroup> localBins: array<atomic<u32>, HISTOGRAM_BINS>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn reduceHistogram(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lane: u32,
  @builtin(num_workgroups) groups: vec3<u32>,
) {
  let w = wid.x + wid.y * groups.x;
  let inRange = w < params.tileCount;
  let tile = params.firstTile + w;
  let segment = tile / params.tilesPerSegment;
  let tileInSegment = tile % params.tilesPerSegment;
  let tileValues = WORKGROUP_SIZE * VALUES_PER_THREAD;
  let first = tileInSegment * tileValues;
  var last = min(first + tileValues, params.segmentLength);
  if (!inRange) { last = first; }
  let segmentBase = segment * params.segmentLength - params.chunkFirstValue;
  let bins = min(params.bins, HISTOGRAM_BINS);

  for (var b = lane; b < bins; b += WORKGROUP_SIZE) {
    atomicStore(&localBins[b], 0u);
  }
  workgroupBarrier();
  var low = 0.0;
  var halfWidth = 0.0;
  if (inRange) {
    let bounds = segmentPartials[segment];
    low = bounds.minValue;
    halfWidth = bounds.maxValue * 0.5 - bounds.minValue * 0.5;
  }
  let binScale = select(0.0, f32(bins) / halfWidth, halfWidth > 0.0);
  for (var k = 0u; k < VALUES_PER_THREAD; k++) {
    let v = first + k * WORKGROUP_SIZE + lane;
    if (v < last) {
      let x = values[(segmentBase + v) * params.stride + params.elementShift];
      if (!reduceIsNonFinite(x)) {
        let position = (x * 0.5 - low * 0.5) * binScale;
        let bin = min(u32(max(position, 0.0)), bins - 1u);
        atomicAdd(&localBins[bin], 1u);
      }
    }
  }
  workgroupBarrier();
  for (var b = lane; b < bins; b += WORKGROUP_SIZE) {
    let c = atomicLoad(&localBins[b]);
    if (c > 0u) {
      atomicAdd(&histogram[segment * bins + b], c);
    }
  }
}
