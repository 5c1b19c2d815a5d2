// Per-trajectory metrics of a network problem for the recorder, one workgroup of 64 lanes per
// trajectory (needs lib/philox or lib/threefry, lib/random, problems/network). Dispatched
// twice per record, with the problem's group 1 bound first to the train split, then to the
// test split (ProblemParams.sampleCount = that split's count):
//   mode 0 (train): metrics[global] = (F, |grad F|, |grad F|, 0) with F = (1/n) sum_j l_j and
//     grad F = (1/n) sum_j grad l_j over the n train samples in increasing j (the critical set
//     of a network is unknown: dist = |grad F|, as the twin's criticalDistanceSq);
//   mode 1 (test): metrics[global].w = (1/n) #{j : prediction = label} over the test samples.
// A diverged trajectory gets NaN in the three first fields (the reducer counts it apart) and
// NaN accuracy. networkSampleLoss begins with a barrier, so a sample's reads of the library's
// workgroup memory end before the next forward pass writes it. networkGradient is scratch (chunk x tiles; lanes own tiles t = lane mod 64).
// Twin: src/ensemble/networkEnsemble.ts (value, meanGradient, accuracy of the problem).

struct EnsembleNetworkMetricsParams {
  firstTrajectory: u32,   // global index of the chunk's first trajectory
  trajectoryCount: u32,
  tileCount: u32,
  mode: u32,              // 0: train (F, |grad F|), 1: test (accuracy)
}

const NETWORK_METRICS_WORKGROUP: u32 = 64u;

@group(0) @binding(0) var<uniform> metricsParams: EnsembleNetworkMetricsParams;
@group(0) @binding(1) var<storage, read> positions: array<vec4<f32>>;          // the chunk's range
@group(0) @binding(2) var<storage, read> diverged: array<u32>;                 // whole buffer
@group(0) @binding(3) var<storage, read_write> metrics: array<vec4<f32>>;      // whole buffer
@group(0) @binding(4) var<storage, read_write> networkGradient: array<vec4<f32>>;  // chunk x tiles

var<workgroup> networkPoint: u32;
var<workgroup> networkSquares: array<f32, 64>;

fn networkWeight(k: u32) -> f32 {
  let v = positions[networkPoint * metricsParams.tileCount + k / 4u];
  return v[k % 4u];
}

@compute @workgroup_size(64)
fn ensembleNetworkMetrics(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let local = wid.x + wid.y * groups.x;
  if (local >= metricsParams.trajectoryCount) { return; }
  let tiles = metricsParams.tileCount;
  let trajectory = metricsParams.firstTrajectory + local;
  let base = local * tiles;
  let count = problem.sampleCount;
  let nan = bitcast<f32>(0x7fc00000u | (tiles & 0u));
  if (lane == 0u) { networkPoint = local; }
  workgroupBarrier();

  if (metricsParams.mode == 1u) {
    var correct = 0u;
    for (var j = 0u; j < count; j++) {
      _ = networkSampleLoss(lane, j);
      if (networkSampleCorrect(lane, j)) { correct += 1u; }
    }
    if (lane == 0u) {
      var result = metrics[trajectory];
      result.w = select(f32(correct) / f32(count), nan, diverged[trajectory] != 0u);
      metrics[trajectory] = result;
    }
    return;
  }

  for (var tile = lane; tile < tiles; tile += NETWORK_METRICS_WORKGROUP) {
    networkGradient[base + tile] = vec4<f32>(0.0);
  }
  var loss = 0.0;
  for (var j = 0u; j < count; j++) {
    loss += networkSampleLoss(lane, j);
    networkSampleBackward(lane, j);
    for (var tile = lane; tile < tiles; tile += NETWORK_METRICS_WORKGROUP) {
      var g = vec4<f32>(0.0);
      for (var c = 0u; c < 4u; c++) {
        let k = 4u * tile + c;
        if (k < problem.dimension) { g[c] = networkGradientEntry(k); }
      }
      networkGradient[base + tile] += g;
    }
  }
  var squares = 0.0;
  let inverse = 1.0 / f32(count);
  for (var tile = lane; tile < tiles; tile += NETWORK_METRICS_WORKGROUP) {
    let g = networkGradient[base + tile] * inverse;
    squares += dot(g, g);
  }
  networkSquares[lane] = squares;
  workgroupBarrier();
  for (var width = NETWORK_METRICS_WORKGROUP / 2u; width > 0u; width = width / 2u) {
    if (lane < width) { networkSquares[lane] += networkSquares[lane + width]; }
    workgroupBarrier();
  }
  if (lane == 0u) {
    let norm = sqrt(networkSquares[0]);
    var result = vec4<f32>(loss * inverse, norm, norm, 0.0);
    if (diverged[trajectory] != 0u) { result = vec4<f32>(nan, nan, nan, nan); }
    metrics[trajectory] = result;
  }
}
