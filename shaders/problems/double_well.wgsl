// double-well (saddle escape), docs/math.md section 6 item 4. One tile (lanes 0, 1).
//   F = 1/4 (x1^2 - 1)^2 + 1/2 kappa x2^2,  grad F = (x1 (x1^2 - 1), kappa x2),
//   grad f = grad F + sigma zeta,  S = (grad F)^2 + sigma^2,
//   critical set {(-1, 0), (0, 0), (1, 0)}; (0, 0) is a saddle.
// Draws: zeta = lanes 0, 1 of normal4 at blockIndex 0, STREAM_GRADIENT.
// Twin: src/problems/doubleWell.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,   // always 2
  kappa: f32,       // curvature across the wells, > 0
  sigma: f32,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let w = x.x * x.x - 1.0;
  return 0.25 * w * w + 0.5 * problem.kappa * x.y * x.y;
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return vec4<f32>(x.x * (x.x * x.x - 1.0), problem.kappa * x.y, 0.0, 0.0);
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let g = problemMeanGradientTile(x, tile);
  return (g * g + vec4<f32>(problem.sigma * problem.sigma)) * vec4<f32>(1.0, 1.0, 0.0, 0.0);
}

fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  let zeta = tileGradientNormals(0u, key, trajectory, stepIndex);
  return (problemMeanGradientTile(x, tile) + problem.sigma * zeta) * vec4<f32>(1.0, 1.0, 0.0, 0.0);
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let y2 = x.y * x.y;
  let nearest = min(min((x.x + 1.0) * (x.x + 1.0), x.x * x.x), (x.x - 1.0) * (x.x - 1.0));
  return nearest + y2;
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
