// quadratic-diag: f = 1/2 sum lambda_i e_i^2 + sigma <zeta, x>, e = x - xStar (all coordinates
// of x* equal xStar), docs/math.md section 6 item 2. Separable, any dimension.
//   lambda_i = 2^(log2LambdaMin + i * log2LambdaStep): log-spaced in [lambdaMin, lambdaMax]
//   (log2LambdaStep = log2(lambdaMax / lambdaMin) / (d - 1), 0 when d = 1), computed here on
//   the fly in f32 (relative error ~1e-6 against the float64 twin).
//   grad f = Lambda e + sigma zeta,  F = 1/2 sum lambda_i e_i^2,  S = (Lambda e)^2 + sigma^2,
//   critical set {x*}.
// Draws: zeta_i = lane i % 4 of normal4 at blockIndex i / 4, STREAM_GRADIENT.
// Twin: src/problems/quadraticDiag.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,
  sigma: f32,
  xStar: f32,
  log2LambdaMin: f32,
  log2LambdaStep: f32,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

fn quadraticDiagLambdaTile(tile: u32) -> vec4<f32> {
  let coordinate = vec4<f32>(vec4<u32>(tile * 4u) + vec4<u32>(0u, 1u, 2u, 3u));
  return exp2(vec4<f32>(problem.log2LambdaMin) + coordinate * problem.log2LambdaStep);
}

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = (x - vec4<f32>(problem.xStar)) * tileLaneMask(tile, problem.dimension);
  return 0.5 * dot(quadraticDiagLambdaTile(tile) * e, e);
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let e = (x - vec4<f32>(problem.xStar)) * tileLaneMask(tile, problem.dimension);
  return quadraticDiagLambdaTile(tile) * e;
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let g = problemMeanGradientTile(x, tile);
  return (g * g + vec4<f32>(problem.sigma * problem.sigma)) * tileLaneMask(tile, problem.dimension);
}

fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  let zeta = tileGradientNormals(tile, key, trajectory, stepIndex);
  let mask = tileLaneMask(tile, problem.dimension);
  return (problemMeanGradientTile(x, tile) + problem.sigma * zeta) * mask;
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = (x - vec4<f32>(problem.xStar)) * tileLaneMask(tile, problem.dimension);
  return dot(e, e);
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
