// First level of the moments reduction (needs lib/reduce.wgsl): workgroup w of the dispatch
// reduces tile params.firstTile + w to one ReducePartial. Each invocation folds
// VALUES_PER_THREAD values serially (Welford), then the workgroup merges its partials by a
// tree in shared memory (log2 WORKGROUP_SIZE levels). WORKGROUP_SIZE is a power of two.

override WORKGROUP_SIZE: u32 = 256u;
override VALUES_PER_THREAD: u32 = 8u;

@group(0) @binding(0) var<uniform> params: ReduceChunkParams;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read_write> partials: array<ReducePartial>;

var<workgroup> scratch: array<ReducePartial, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn reduceMoments(
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
  // Value index of the segment's element 0, relative to the chunk's first value.
  let segmentBase = segment * params.segmentLength - params.chunkFirstValue;

  var acc = reduceEmpty();
  for (var k = 0u; k < VALUES_PER_THREAD; k++) {
    let v = first + k * WORKGROUP_SIZE + lane;
    if (v < last) {
      let x = values[(segmentBase + v) * params.stride + params.elementShift];
      acc = reduceAddValue(acc, x, params.threshold);
    }
  }
  scratch[lane] = acc;
  workgroupBarrier();
  for (var span = WORKGROUP_SIZE / 2u; span > 0u; span = span / 2u) {
    if (lane < span) {
      scratch[lane] = reduceMerge(scratch[lane], scratch[lane + span]);
    }
    workgroupBarrier();
  }
  if (lane == 0u && inRange) {
    partials[tile] = scratch[0];
  }
}
