// reddi: the stochastic counterexample of Reddi, Kale & Kumar (ICLR 2018, Theorem 3),
// docs/math.md section 6 item 8. One coordinate (lane 0), feasible set [-1, 1].
//   f(x, xi) = C x with probability p = (1 + delta) / (C + 1), else -x   (C > 2, delta > 0)
//   grad F = C p - (1 - p) = delta,  F = delta x,  S = C^2 p + (1 - p).
// The constrained minimiser is x = -1 (the "critical set" here; grad F = delta there, the
// projection makes it stationary). Every step ends with the projection onto [-1, 1]
// (problemProjectTile), as in Reddi et al.
// Draws: the event is [u < p], u = lane 0 of uniform4 at blockIndex 0, STREAM_GRADIENT.
// Twin: src/problems/reddi.ts. Contract: problems/tile.wgsl.

struct ProblemParams {
  dimension: u32,      // always 1
  bigC: f32,           // C > 2
  delta: f32,          // delta > 0 (and p < 1, i.e. delta < C)
  probability: f32,    // p = (1 + delta) / (C + 1), computed in float64 by the host
}

@group(1) @binding(0) var<uniform> problem: ProblemParams;

const REDDI_LANE0 = vec4<f32>(1.0, 0.0, 0.0, 0.0);

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  return problem.delta * x.x;
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return problem.delta * REDDI_LANE0;
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  let p = problem.probability;
  return (problem.bigC * problem.bigC * p + (1.0 - p)) * REDDI_LANE0;
}

fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  let hit = bernoulli4(key, trajectory, stepIndex, 0u, STREAM_GRADIENT, problem.probability).x;
  return (hit * problem.bigC - (1.0 - hit)) * REDDI_LANE0;
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  return (x.x + 1.0) * (x.x + 1.0);
}

fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return vec4<f32>(clamp(x.x, -1.0, 1.0), 0.0, 0.0, 0.0);
}
