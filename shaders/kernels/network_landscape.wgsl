// The loss landscape of a network (Li et al. 2018, docs/network-views.md): F(c + a u + b v) on
// a columns x rows grid of (a, b) in ONE dispatch, one workgroup (64 lanes) per grid point
// (workgroup (column, row)), F the exact mean of l_j over the train split computed with the
// library problems/network.wgsl, whose networkWeight is defined here.
// Modules: lib/philox, lib/random, problems/tile, problems/network, this file.
// Twin: src/experiments/landscapeGrid.ts (landscapeGridCpu, the float64 network problem).

struct LandscapeParams {
  columns: u32,
  rows: u32,
  aMin: f32,
  aStep: f32,
  bMin: f32,
  bStep: f32,
}

@group(0) @binding(0) var<uniform> landscape: LandscapeParams;
@group(0) @binding(1) var<storage, read> landscapeCentre: array<f32>;
@group(0) @binding(2) var<storage, read> landscapeDirections: array<f32>;  // u (d), then v (d)
@group(0) @binding(3) var<storage, read_write> landscapeValues: array<f32>;  // row-major

var<private> landscapeA: f32;
var<private> landscapeB: f32;

// Coordinate k of the workgroup's point c + a u + b v.
fn networkWeight(k: u32) -> f32 {
  return landscapeCentre[k] + landscapeA * landscapeDirections[k]
    + landscapeB * landscapeDirections[problem.dimension + k];
}

@compute @workgroup_size(64)
fn networkLandscape(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  if (group.x >= landscape.columns || group.y >= landscape.rows) { return; }
  landscapeA = landscape.aMin + f32(group.x) * landscape.aStep;
  landscapeB = landscape.bMin + f32(group.y) * landscape.bStep;
  var sum = 0.0;
  for (var j = 0u; j < problem.sampleCount; j++) { sum += networkSampleLoss(lane, j); }
  if (lane == 0u) {
    landscapeValues[group.y * landscape.columns + group.x] = sum / f32(problem.sampleCount);
  }
}
