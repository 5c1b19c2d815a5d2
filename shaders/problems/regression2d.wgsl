// regression2d: the paper's figures, docs/math.md section 6 item 1. One tile (lanes 0, 1).
// xi = (X, Y), X ~ Bernoulli(p), W ~ N(0, sigma^2), Y = X x1* + (1 - X) x2* + W,
// f = 1/2 (Y - X x1 - (1 - X) x2)^2, e = x - x*:
//   grad f = (X (e1 - W), (1 - X)(e2 - W)),  F = 1/2 [p e1^2 + (1 - p) e2^2 + sigma^2],
//   grad F = (p e1, (1 - p) e2),  S = (p (e1^2 + sigma^2), (1 - p)(e2^2 + sigma^2)),
//   critical set {x*}.
// Draws at (trajectory, stepIndex), STREAM_GRADIENT: X = [u < p] with u = lane 0 of
// uniform4 at blockIndex 0; W = sigma * lane 0 of normal4 at blockIndex 1.
// Twin: src/problems/regression2d.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,   // always 2
  p: f32,           // P(X = 1), in (0, 1)
  sigma: f32,       // standard deviation of W, > 0
  xStar1: f32,
  xStar2: f32,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

fn regressionError(x: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(x.x - problem.xStar1, x.y - problem.xStar2, 0.0, 0.0);
}

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = regressionError(x);
  return 0.5 * (problem.p * e.x * e.x + (1.0 - problem.p) * e.y * e.y + problem.sigma * problem.sigma);
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let e = regressionError(x);
  return vec4<f32>(problem.p * e.x, (1.0 - problem.p) * e.y, 0.0, 0.0);
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let e = regressionError(x);
  let s2 = problem.sigma * problem.sigma;
  return vec4<f32>(problem.p * (e.x * e.x + s2), (1.0 - problem.p) * (e.y * e.y + s2), 0.0, 0.0);
}

fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  let e = regressionError(x);
  let bigX = bernoulli4(key, trajectory, stepIndex, 0u, STREAM_GRADIENT, problem.p).x;
  let noise = problem.sigma * normal4(key, trajectory, stepIndex, 1u, STREAM_GRADIENT).x;
  return vec4<f32>(bigX * (e.x - noise), (1.0 - bigX) * (e.y - noise), 0.0, 0.0);
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = regressionError(x);
  return dot(e, e);
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
