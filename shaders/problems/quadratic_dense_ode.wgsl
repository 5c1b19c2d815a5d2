// quadratic-dense for the ODE kernels (docs/math.md section 6 item 3): the closed forms
//   grad F = Sigma e,  S_i = Sigma_ii (e^T Sigma e + sigma^2) + 2 (Sigma e)_i^2,
//   F = 1/2 e^T Sigma e + sigma^2 / 2,  e = x - x*  (every coordinate of x* = xStar),
// behind the per-tile names the ODE modules call (problemMeanGradientTile, ...). The
// coordinates are coupled, so the maps are not computed from the tile argument: one thread per
// trajectory (kernels/ode_dense_*.wgsl) first writes the whole point x into denseScratch.x and
// calls densePrepare (O(d^2): one pass over Sigma), after which the tile functions read the
// cache; at t = 0 it also writes x' and calls densePrepareHalfRates (the exact limits
// 1/2 d/dt grad F = 1/2 Sigma x', 1/2 d/dt S_i = Sigma_ii e^T Sigma x' + 2 (Sigma e)_i (Sigma x')_i).
// Sigma is row-major f32 in a read-only storage buffer (d^2 floats, shared by all threads).
// The ensemble path is problems/quadratic_dense.wgsl (workgroup per trajectory, sampling).
// Twin: src/problems/quadraticDense.ts. Needs lib/philox, lib/random, problems/tile.

struct ProblemParams {
  dimension: u32,
  sigma: f32,
  xStar: f32,
}

// Per (trajectory, tile): the point, its x-rate, and the maps at the point.
struct DenseScratch {
  x: vec4<f32>,
  xDot: vec4<f32>,
  gradient: vec4<f32>,
  moment: vec4<f32>,
  halfGradient: vec4<f32>,
  halfMoment: vec4<f32>,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;
@group(1) @binding(1) var<storage, read> denseCovariance: array<f32>;
@group(1) @binding(2) var<storage, read_write> denseScratch: array<DenseScratch>;

// The trajectory whose scratch the tile functions read (set by densePrepare).
var<private> denseBase: u32;

fn denseTileCount() -> u32 {
  return (problem.dimension + 3u) / 4u;
}

fn denseErrorTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return (x - vec4<f32>(problem.xStar)) * tileLaneMask(tile, problem.dimension);
}

// Rows 4 tile .. 4 tile + 3 of Sigma times the vector whose tiles are `useRate ? xDot : e`.
fn denseProductTile(tile: u32, useRate: bool) -> vec4<f32> {
  let d = problem.dimension;
  var result = vec4<f32>(0.0);
  for (var lane = 0u; lane < 4u; lane++) {
    let row = tile * 4u + lane;
    if (row >= d) { break; }
    var sum = 0.0;
    for (var j = 0u; j < d; j++) {
      let s = denseScratch[denseBase + j / 4u];
      let vj = select(s.x[j % 4u] - problem.xStar, s.xDot[j % 4u], useRate);
      sum += denseCovariance[row * d + j] * vj;
    }
    result[lane] = sum;
  }
  return result;
}

fn denseDiagonalTile(tile: u32) -> vec4<f32> {
  var diagonal = vec4<f32>(0.0);
  for (var lane = 0u; lane < 4u; lane++) {
    let row = tile * 4u + lane;
    if (row < problem.dimension) { diagonal[lane] = denseCovariance[row * problem.dimension + row]; }
  }
  return diagonal;
}

// grad F and S at the point in denseScratch[.].x of `trajectory`.
fn densePrepare(trajectory: u32) {
  denseBase = trajectory * denseTileCount();
  var quadratic = 0.0;
  for (var tile = 0u; tile < denseTileCount(); tile++) {
    let g = denseProductTile(tile, false);
    denseScratch[denseBase + tile].gradient = g;
    quadratic += dot(denseErrorTile(denseScratch[denseBase + tile].x, tile), g);
  }
  let total = quadratic + problem.sigma * problem.sigma;
  for (var tile = 0u; tile < denseTileCount(); tile++) {
    let g = denseScratch[denseBase + tile].gradient;
    denseScratch[denseBase + tile].moment = denseDiagonalTile(tile) * total + 2.0 * g * g;
  }
}

// The t = 0 limits along denseScratch[.].xDot (after densePrepare of the same trajectory).
fn densePrepareHalfRates() {
  var cross = 0.0;
  for (var tile = 0u; tile < denseTileCount(); tile++) {
    let rate = denseProductTile(tile, true);
    denseScratch[denseBase + tile].halfGradient = 0.5 * rate;
    denseScratch[denseBase + tile].halfMoment = rate;   // Sigma x', finished below
    cross += dot(denseErrorTile(denseScratch[denseBase + tile].x, tile), rate);
  }
  for (var tile = 0u; tile < denseTileCount(); tile++) {
    let s = denseScratch[denseBase + tile];
    denseScratch[denseBase + tile].halfMoment = denseDiagonalTile(tile) * cross + 2.0 * s.gradient * s.halfMoment;
  }
}

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let noise = select(0.0, 0.5 * problem.sigma * problem.sigma, tile == 0u);
  return 0.5 * dot(denseErrorTile(x, tile), denseScratch[denseBase + tile].gradient) + noise;
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return denseScratch[denseBase + tile].gradient;
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return denseScratch[denseBase + tile].moment;
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = denseErrorTile(x, tile);
  return dot(e, e);
}

fn odeHalfRatesTile(x: vec4<f32>, xDot: vec4<f32>, tile: u32) -> HalfRates {
  let s = denseScratch[denseBase + tile];
  return HalfRates(s.halfGradient, s.halfMoment);
}
