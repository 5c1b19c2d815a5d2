// Per-coordinate mean and variance of x over the live trajectories of one group (no
// dependencies). Thread = coordinate c; Welford's update over trajectories firstLocal ..
// firstLocal + trajectoryCount - 1 of the bound chunk, in order:
//   moments[outputOffset + c] = (count, mean, M2, 0), variance = M2 / count (population).
// A group spanning several chunks accumulates (reset = 1 on its first piece).
// Twin: src/ensemble/cpuEnsemble.ts (tolerances: docs/numerics.md).

struct EnsembleMomentsParams {
  firstLocal: u32,        // first trajectory of the piece, inside the bound chunk
  firstTrajectory: u32,   // its global index (for the divergence flags)
  trajectoryCount: u32,
  tileCount: u32,
  dimension: u32,
  outputOffset: u32,      // group * dimension
  reset: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> momentsParams: EnsembleMomentsParams;
@group(0) @binding(1) var<storage, read> positions: array<vec4<f32>>;      // the chunk's range
@group(0) @binding(2) var<storage, read> diverged: array<u32>;             // whole buffer
@group(0) @binding(3) var<storage, read_write> moments: array<vec4<f32>>;  // groups * dimension

@compute @workgroup_size(WORKGROUP_SIZE)
fn ensembleMoments(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let c = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (c >= momentsParams.dimension) { return; }
  var acc = moments[momentsParams.outputOffset + c];
  if (momentsParams.reset == 1u) { acc = vec4<f32>(0.0); }
  let tile = c / 4u;
  let lane = c % 4u;
  for (var k = 0u; k < momentsParams.trajectoryCount; k++) {
    if (diverged[momentsParams.firstTrajectory + k] != 0u) { continue; }
    let x = positions[(momentsParams.firstLocal + k) * momentsParams.tileCount + tile][lane];
    acc.x += 1.0;
    let delta = x - acc.y;
    acc.y += delta / acc.x;
    acc.z += delta * (x - acc.y);
  }
  moments[momentsParams.outputOffset + c] = acc;
}
