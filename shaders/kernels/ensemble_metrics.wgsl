// Per-trajectory metrics of a chunk for the recorder (needs lib/philox, lib/random,
// problems/tile and a tiled problem). Thread = local trajectory of the chunk (positions are
// bound to the chunk's range), looping over its tiles:
//   metrics[global] = (F(x), |grad F(x)|, dist(x, critical set), 0)
// or NaN in the three fields for a diverged trajectory (the reducer counts non-finite values
// apart and excludes them). Twin: src/ensemble/cpuEnsemble.ts.

struct EnsembleMetricsParams {
  firstTrajectory: u32,   // global index of the chunk's first trajectory
  trajectoryCount: u32,
  tileCount: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> metricsParams: EnsembleMetricsParams;
@group(0) @binding(1) var<storage, read> positions: array<vec4<f32>>;    // the chunk's range
@group(0) @binding(2) var<storage, read> diverged: array<u32>;           // whole buffer
@group(0) @binding(3) var<storage, read_write> metrics: array<vec4<f32>>; // whole buffer

@compute @workgroup_size(WORKGROUP_SIZE)
fn ensembleMetrics(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let localIndex = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (localIndex >= metricsParams.trajectoryCount) { return; }
  let trajectory = metricsParams.firstTrajectory + localIndex;
  var value = 0.0;
  var gradSq = 0.0;
  var distSq = 0.0;
  for (var tile = 0u; tile < metricsParams.tileCount; tile++) {
    let x = positions[localIndex * metricsParams.tileCount + tile];
    value += problemValueTile(x, tile);
    let g = problemMeanGradientTile(x, tile);
    gradSq += dot(g, g);
    distSq += problemCriticalDistanceSqTile(x, tile);
  }
  var result = vec4<f32>(value, sqrt(gradSq), sqrt(distSq), 0.0);
  if (diverged[trajectory] != 0u) {
    // A runtime NaN (a constant NaN expression is a WGSL compile error).
    let nan = bitcast<f32>(0x7fc00000u | (metricsParams.tileCount & 0u));
    result = vec4<f32>(nan, nan, nan, 0.0);
  }
  metrics[trajectory] = result;
}
