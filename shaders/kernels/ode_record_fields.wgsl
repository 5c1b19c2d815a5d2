// Records -> reducer input: one thread per (trajectory of the chunk, output time of the window)
// writes F, V, ‖m‖, ‖v - S(x)‖ and dist as float32 into `fields`, laid out
// [field][output time - firstOutput][trajectory] so that GpuReducer reduces each (field, time)
// as one contiguous segment of totalTrajectories values. Records past a failed solve
// (k >= validOutputs[trajectory]) and vGap of systems without v become NaN, which the reducer
// counts as non-finite and excludes. Modules: lib/ode_record, this file.
// Twin: src/ode/summarizeOde.ts (summarizeRecords).

struct OdeFieldParams {
  trajectoryCount: u32,    // trajectories of this chunk
  firstTrajectory: u32,    // index of the chunk's first trajectory in the cloud
  totalTrajectories: u32,  // N, the length of one segment
  outputCount: u32,        // K, records per trajectory in `records`
  firstOutput: u32,        // the window [firstOutput, endOutput) of output times in `fields`
  endOutput: u32,
  hasV: u32,               // 0 for heavy-ball and gradient-flow (no v: vGap is NaN)
  nanBits: u32,            // 0x7fc00000: a NaN from the host (a NaN constant expression is an error)
}

override WORKGROUP_SIZE: u32 = 64u;
const FIELD_COUNT: u32 = 5u;

@group(0) @binding(0) var<uniform> fieldParams: OdeFieldParams;
@group(0) @binding(1) var<storage, read> records: array<OdeRecord>;
@group(0) @binding(2) var<storage, read> validOutputs: array<u32>;
@group(0) @binding(3) var<storage, read_write> fields: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeRecordFields(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let index = id.x + id.y * groups.x * WORKGROUP_SIZE;
  let window = fieldParams.endOutput - fieldParams.firstOutput;
  if (index >= fieldParams.trajectoryCount * window) { return; }
  let trajectory = index % fieldParams.trajectoryCount;
  let k = fieldParams.firstOutput + index / fieldParams.trajectoryCount;
  let r = records[trajectory * fieldParams.outputCount + k];
  let notANumber = bitcast<f32>(fieldParams.nanBits);
  let valid = k < validOutputs[trajectory];
  var values = array<f32, 5>(r.F, r.V, sqrt(r.mNormSq), sqrt(r.vGapSq), sqrt(r.distSq));
  if (fieldParams.hasV == 0u) { values[3] = notANumber; }
  let segmentLength = fieldParams.totalTrajectories;
  let column = fieldParams.firstTrajectory + trajectory;
  for (var field = 0u; field < FIELD_COUNT; field++) {
    let slot = (field * window + (k - fieldParams.firstOutput)) * segmentLength + column;
    fields[slot] = select(notANumber, values[field], valid);
  }
}
