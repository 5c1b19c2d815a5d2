// quartic: F = 1/4 sum x_i^4 with additive noise, docs/math.md section 6 item 6 (Lojasiewicz
// exponent theta = 1/4: polynomial rate). Separable, any dimension.
//   grad f = x^3 + sigma zeta,  S = (x^3)^2 + sigma^2,  critical set {0}.
// Draws: zeta_i = lane i % 4 of normal4 at blockIndex i / 4, STREAM_GRADIENT, (trajectory, stepIndex).
// Twin: src/problems/quartic.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,
  sigma: f32,       // noise level, > 0
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let x2 = x * x * tileLaneMask(tile, problem.dimension);
  return 0.25 * dot(x2, x2);
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x * x * x * tileLaneMask(tile, problem.dimension);
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let g = problemMeanGradientTile(x, tile);
  return (g * g + vec4<f32>(problem.sigma * problem.sigma)) * tileLaneMask(tile, problem.dimension);
}

fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  let zeta = tileGradientNormals(tile, key, trajectory, stepIndex);
  return (x * x * x + problem.sigma * zeta) * tileLaneMask(tile, problem.dimension);
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let e = x * tileLaneMask(tile, problem.dimension);
  return dot(e, e);
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
