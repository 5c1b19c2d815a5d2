// Later levels of the moments reduction (needs lib/reduce.wgsl): per segment, merges groups
// of WORKGROUP_SIZE consecutive partials into one, by a tree in shared memory. Repeated by
// the host until one partial per segment is left (depth log_WORKGROUP_SIZE of the tile count).

override WORKGROUP_SIZE: u32 = 256u;

struct ReduceMergeParams {
  segmentCount: u32,
  inputPerSegment: u32,
  outputPerSegment: u32,
}

@group(0) @binding(0) var<uniform> params: ReduceMergeParams;
@group(0) @binding(1) var<storage, read> inputs: array<ReducePartial>;
@group(0) @binding(2) var<storage, read_write> outputs: array<ReducePartial>;

var<workgroup> scratch: array<ReducePartial, WORKGROUP_SIZE>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn reduceMergePartials(
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(local_invocation_index) lane: u32,
  @builtin(num_workgroups) groups: vec3<u32>,
) {
  let w = wid.x + wid.y * groups.x;
  let inRange = w < params.segmentCount * params.outputPerSegment;
  let segment = w / params.outputPerSegment;
  let groupInSegment = w % params.outputPerSegment;
  let inputIndex = groupInSegment * WORKGROUP_SIZE + lane;
  var acc = reduceEmpty();
  if (inRange && inputIndex < params.inputPerSegment) {
    acc = inputs[segment * params.inputPerSegment + inputIndex];
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
    outputs[w] = scratch[0];
  }
}
