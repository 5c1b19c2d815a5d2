// rosenbrock with additive noise, docs/math.md section 6 item 5. One tile (lanes 0, 1).
//   F = (1 - x1)^2 + 100 (x2 - x1^2)^2,
//   grad F = (-2 (1 - x1) - 400 x1 (x2 - x1^2), 200 (x2 - x1^2)),
//   grad f = grad F + sigma zeta,  S = (grad F)^2 + sigma^2,  critical set {(1, 1)}.
// Draws: zeta = lanes 0, 1 of normal4 at blockIndex 0, STREAM_GRADIENT.
// Twin: src/problems/rosenbrock.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,   // always 2
  sigma: f32,
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  let a = 1.0 - x.x;
  let b = x.y - x.x * x.x;
  return a * a + 100.0 * b * b;
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let b = x.y - x.x * x.x;
  return vec4<f32>(-2.0 * (1.0 - x.x) - 400.0 * x.x * b, 200.0 * b, 0.0, 0.0);
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
  let e = vec2<f32>(x.x - 1.0, x.y - 1.0);
  return dot(e, e);
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return x;
}
