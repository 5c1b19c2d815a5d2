// The exact mean field of the finite-sum problems mlp / logistic at a list of points:
//   F(x) = (1/n) sum_j l_j(x),  grad F(x) = (1/n) sum_j grad l_j(x),
//   S(x) = (1/n) sum_j (grad l_j(x))^2 (per coordinate),  S_B = (grad F)^2 + (S - (grad F)^2) / B,
// and the train accuracy, over the whole train split held by problems/network.wgsl.
// Modules: lib/philox.wgsl (or threefry) + lib/random.wgsl + problems/network.wgsl + this file.
// One workgroup of 64 lanes per point; points firstPoint .. firstPoint + pointCount - 1 in one
// dispatch (the host chunks longer lists over dispatches of at most
// maxComputeWorkgroupsPerDimension workgroups). Lane i owns coordinates k = i mod 64 and
// accumulates them in the output buffers directly (no other lane writes them), in f32, over
// the samples in order j = 0 .. n-1.
// Twin: NetworkProblem.meanField (src/problems/network/network.ts); host: meanField.ts.

struct MeanFieldParams {
  firstPoint: u32,   // index of this dispatch's first point in `points`
  pointCount: u32,   // workgroups of this dispatch
}

@group(0) @binding(0) var<uniform> meanFieldParams: MeanFieldParams;
@group(0) @binding(1) var<storage, read> points: array<f32>;                     // count x d
@group(0) @binding(2) var<storage, read_write> fieldGradient: array<f32>;        // count x d
@group(0) @binding(3) var<storage, read_write> fieldSecondMoment: array<f32>;    // count x d, S
@group(0) @binding(4) var<storage, read_write> fieldBatchMoment: array<f32>;     // count x d, S_B
@group(0) @binding(5) var<storage, read_write> fieldValues: array<f32>;          // count x 2: F, accuracy

var<private> meanFieldBase: u32;

// The library's view of the current point.
fn networkWeight(k: u32) -> f32 {
  return points[meanFieldBase + k];
}

@compute @workgroup_size(64)
fn networkMeanField(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  if (group.x >= meanFieldParams.pointCount) { return; }
  let point = meanFieldParams.firstPoint + group.x;
  let d = problem.dimension;
  let n = problem.sampleCount;
  meanFieldBase = point * d;
  for (var k = lane; k < d; k += NETWORK_LANES) {
    fieldGradient[meanFieldBase + k] = 0.0;
    fieldSecondMoment[meanFieldBase + k] = 0.0;
  }
  var loss = 0.0;
  var hits = 0u;
  for (var j = 0u; j < n; j++) {
    loss += networkSampleLoss(lane, j);
    if (networkSampleCorrect(lane, j)) { hits += 1u; }
    networkSampleBackward(lane, j);
    for (var k = lane; k < d; k += NETWORK_LANES) {
      let g = networkGradientEntry(k);
      fieldGradient[meanFieldBase + k] += g;
      fieldSecondMoment[meanFieldBase + k] += g * g;
    }
  }
  let inverse = 1.0 / f32(n);
  let batch = f32(problem.batch);
  for (var k = lane; k < d; k += NETWORK_LANES) {
    let g = fieldGradient[meanFieldBase + k] * inverse;
    let s = fieldSecondMoment[meanFieldBase + k] * inverse;
    fieldGradient[meanFieldBase + k] = g;
    fieldSecondMoment[meanFieldBase + k] = s;
    fieldBatchMoment[meanFieldBase + k] = g * g + (s - g * g) / batch;
  }
  if (lane == 0u) {
    fieldValues[2u * point] = loss * inverse;
    fieldValues[2u * point + 1u] = f32(hits) * inverse;
  }
}
