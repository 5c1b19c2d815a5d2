// quadratic-dense: linear regression with Gaussian design, docs/math.md section 6 item 3.
// a = L zeta ~ N(0, Sigma) (Sigma = L L^T shared by all trajectories), y = <a, x*> + w,
// w ~ N(0, sigma^2), f = 1/2 (<a, x> - y)^2, e = x - x* (every coordinate of x* = xStar):
//   grad f = a (<a, e> - w),  F = 1/2 e^T Sigma e + sigma^2 / 2,  grad F = Sigma e,
//   S_i = Sigma_ii (e^T Sigma e + sigma^2) + 2 (Sigma e)_i^2,  critical set {x*}.
// Draws at (trajectory, stepIndex), STREAM_GRADIENT: zeta_i = lane i % 4 of normal4 at
// blockIndex i / 4; w = sigma * lane 0 of normal4 at blockIndex ceil(d / 4).
//
// The coordinates are coupled, so this module does NOT follow the per-tile contract of
// problems/tile.wgsl: the functions below read a whole vector (zeta or e) from the
// workgroup array `denseShared`, filled cooperatively by one workgroup per trajectory
// (kernels/ensemble_dense.wgsl). Matrices are row-major d x d f32 storage arrays.
// Twin: src/problems/quadraticDense.ts.

struct ProblemParams {
  dimension: u32,   // d <= DENSE_MAX_TILES * 4
  sigma: f32,
  xStar: f32,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;
@group(1) @binding(1) var<storage, read> denseCholesky: array<f32>;    // L, row-major
@group(1) @binding(2) var<storage, read> denseCovariance: array<f32>;  // Sigma = L L^T, row-major

const DENSE_MAX_TILES: u32 = 512u;   // d <= 2048 (8 KiB of workgroup memory)
var<workgroup> denseShared: array<vec4<f32>, 512>;

// Rows 4 tile .. 4 tile + 3 of `Sigma` (useCovariance) or `L` times the vector in denseShared.
fn denseMatVecTile(tile: u32, useCovariance: bool) -> vec4<f32> {
  let d = problem.dimension;
  var result = vec4<f32>(0.0);
  for (var lane = 0u; lane < 4u; lane++) {
    let row = tile * 4u + lane;
    if (row >= d) { break; }
    var sum = 0.0;
    for (var j = 0u; j < d; j++) {
      let entry = select(denseCholesky[row * d + j], denseCovariance[row * d + j], useCovariance);
      sum += entry * denseShared[j / 4u][j % 4u];
    }
    result[lane] = sum;
  }
  return result;
}

// e of one tile, masked.
fn denseErrorTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return (x - vec4<f32>(problem.xStar)) * tileLaneMask(tile, problem.dimension);
}

// zeta of one tile (masked), to be stored in denseShared before denseMatVecTile(tile, false).
fn denseNormalsTile(tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  return tileGradientNormals(tile, key, trajectory, stepIndex) * tileLaneMask(tile, problem.dimension);
}

// w = sigma * N(0, 1), the label noise of one sample.
fn denseLabelNoise(key: vec2<u32>, trajectory: u32, stepIndex: u32) -> f32 {
  let tiles = (problem.dimension + 3u) / 4u;
  return problem.sigma * normal4(key, trajectory, stepIndex, tiles, STREAM_GRADIENT).x;
}

// Per-tile pieces, given sigmaE = (Sigma e) of the tile and quadratic = e^T Sigma e:
fn denseValueTile(e: vec4<f32>, sigmaE: vec4<f32>) -> f32 {
  return 0.5 * dot(e, sigmaE);   // sum over tiles, then add sigma^2 / 2 once
}

fn denseSecondMomentTile(sigmaE: vec4<f32>, tile: u32, quadratic: f32) -> vec4<f32> {
  var diagonal = vec4<f32>(0.0);
  for (var lane = 0u; lane < 4u; lane++) {
    let row = tile * 4u + lane;
    if (row < problem.dimension) { diagonal[lane] = denseCovariance[row * problem.dimension + row]; }
  }
  return diagonal * (quadratic + problem.sigma * problem.sigma) + 2.0 * sigmaE * sigmaE;
}

// No constraint: identity (used by kernels/ensemble_init.wgsl).
fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
