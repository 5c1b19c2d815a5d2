// Per-trajectory metrics on quadratic-dense, one workgroup per trajectory (needs lib/philox,
// lib/random, problems/tile, problems/quadratic_dense): e -> denseShared, (Sigma e) for the
// own tiles, then workgroup sums of e.Sigma e, |Sigma e|^2 and |e|^2:
//   metrics[global] = (1/2 e^T Sigma e + sigma^2/2, |Sigma e|, |e|, 0), NaN when diverged.
// Twin: src/ensemble/cpuEnsemble.ts.

struct EnsembleMetricsParams {
  firstTrajectory: u32,
  trajectoryCount: u32,
  tileCount: u32,
}

const DENSE_METRICS_WORKGROUP: u32 = 64u;

@group(0) @binding(0) var<uniform> metricsParams: EnsembleMetricsParams;
@group(0) @binding(1) var<storage, read> positions: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> diverged: array<u32>;
@group(0) @binding(3) var<storage, read_write> metrics: array<vec4<f32>>;

var<workgroup> denseSums: array<vec4<f32>, 64>;

@compute @workgroup_size(64)
fn ensembleDenseMetrics(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let localTrajectory = wid.x + wid.y * groups.x;
  if (localTrajectory >= metricsParams.trajectoryCount) { return; }
  let tiles = metricsParams.tileCount;
  for (var t = lane; t < tiles; t += DENSE_METRICS_WORKGROUP) {
    denseShared[t] = denseErrorTile(positions[localTrajectory * tiles + t], t);
  }
  workgroupBarrier();
  var sums = vec4<f32>(0.0);
  for (var t = lane; t < tiles; t += DENSE_METRICS_WORKGROUP) {
    let e = denseShared[t];
    let sigmaE = denseMatVecTile(t, true);
    sums += vec4<f32>(dot(e, sigmaE), dot(sigmaE, sigmaE), dot(e, e), 0.0);
  }
  denseSums[lane] = sums;
  workgroupBarrier();
  for (var width = DENSE_METRICS_WORKGROUP / 2u; width > 0u; width = width / 2u) {
    if (lane < width) { denseSums[lane] += denseSums[lane + width]; }
    workgroupBarrier();
  }
  if (lane == 0u) {
    let total = denseSums[0];
    let trajectory = metricsParams.firstTrajectory + localTrajectory;
    var result = vec4<f32>(0.5 * total.x + 0.5 * problem.sigma * problem.sigma, sqrt(total.y), sqrt(total.z), 0.0);
    if (diverged[trajectory] != 0u) {
      let nan = bitcast<f32>(0x7fc00000u | (tiles & 0u));
      result = vec4<f32>(nan, nan, nan, 0.0);
    }
    metrics[trajectory] = result;
  }
}
