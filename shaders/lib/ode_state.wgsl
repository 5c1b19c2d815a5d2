// Shared state, parameters and records of the ODE kernels (needs lib/math.wgsl and a problem
// module of the problems/tile.wgsl contract). Float64 twins: src/ode/systems.ts, observe.ts.
//
// A trajectory's state z = (x, y, w) is split into 4-coordinate tiles; the meaning of y and w
// depends on the ODE module (shaders/ode/*.wgsl, table in src/ode/systems.ts).

struct OdeTile {
  x: vec4<f32>,
  y: vec4<f32>,
  w: vec4<f32>,
}

struct OdeParams {
  a: f32,                // 1/time, ADAM's (1 - alpha)/gamma
  b: f32,                // 1/time, ADAM's (1 - beta)/gamma
  epsilon: f32,
  lambda: f32,           // heavy-ball friction, 1/time
  finalTime: f32,
  rtol: f32,
  atol: f32,
  dtMin: f32,
  dtMax: f32,
  initialStep: f32,      // dopri5 first step; 0 = Hairer's heuristic
  errorComponents: f32,  // evolving components (active blocks * d): RMS denominator
  trajectoryCount: u32,
  outputCount: u32,
  firstOutput: u32,      // fixed-step window [firstOutput, endOutput) of this dispatch
  endOutput: u32,
  maxSteps: u32,
  stepsPerDispatch: u32, // dopri5 step attempts per dispatch (resumable solves)
}

// What is recorded at an output time, summed over tiles (x, m, v: tile 0 only, d <= 4).
struct OdeRecord {
  F: f32,
  V: f32,
  mNormSq: f32,
  vGapSq: f32,
  distSq: f32,
  x: vec4<f32>,
  m: vec4<f32>,
  v: vec4<f32>,
}

@group(0) @binding(0) var<uniform> odeParams: OdeParams;

// z + h k.
fn tileAxpy(z: OdeTile, h: f32, k: OdeTile) -> OdeTile {
  return OdeTile(z.x + h * k.x, z.y + h * k.y, z.w + h * k.w);
}

// Sum of coefficient * stage over up to 6 stages (unused stages get coefficient 0).
fn tileCombine6(z: OdeTile, h: f32, c: array<f32, 6>, k1: OdeTile, k2: OdeTile, k3: OdeTile, k4: OdeTile, k5: OdeTile, k6: OdeTile) -> OdeTile {
  let x = c[0] * k1.x + c[1] * k2.x + c[2] * k3.x + c[3] * k4.x + c[4] * k5.x + c[5] * k6.x;
  let y = c[0] * k1.y + c[1] * k2.y + c[2] * k3.y + c[3] * k4.y + c[4] * k5.y + c[5] * k6.y;
  let w = c[0] * k1.w + c[1] * k2.w + c[2] * k3.w + c[3] * k4.w + c[4] * k5.w + c[5] * k6.w;
  return OdeTile(z.x + h * x, z.y + h * y, z.w + h * w);
}

struct HalfRates {
  gradient: vec4<f32>,
  moment: vec4<f32>,
}

// ½ d/dt grad F(x(t)) and ½ d/dt S(x(t)) at t = 0 along xDot: the limits of m̂' and v̂' at
// t = 0+ (MATH.md section 3). Central difference with a relative step ~ eps_f32^(1/3).
fn odeHalfRatesTile(x: vec4<f32>, xDot: vec4<f32>, tile: u32) -> HalfRates {
  let dirMax = max(max(abs(xDot.x), abs(xDot.y)), max(abs(xDot.z), abs(xDot.w)));
  if (dirMax == 0.0) { return HalfRates(vec4<f32>(0.0), vec4<f32>(0.0)); }
  let xMax = max(max(abs(x.x), abs(x.y)), max(abs(x.z), abs(x.w)));
  let delta = 4.0e-3 * (1.0 + xMax) / dirMax;
  let plus = x + delta * xDot;
  let minus = x - delta * xDot;
  let scale = 1.0 / (4.0 * delta);
  return HalfRates(
    (problemMeanGradientTile(plus, tile) - problemMeanGradientTile(minus, tile)) * scale,
    (problemSecondMomentTile(plus, tile) - problemSecondMomentTile(minus, tile)) * scale,
  );
}

// The record of the paper variables (x, m, v) with F, V and the norms of one tile.
fn odeRecordTile(x: vec4<f32>, m: vec4<f32>, v: vec4<f32>, kinetic: f32, hasV: bool, tile: u32) -> OdeRecord {
  let value = problemValueTile(x, tile);
  let gap = select(vec4<f32>(0.0), v - problemSecondMomentTile(x, tile), hasV);
  return OdeRecord(value, value + kinetic, dot(m, m), dot(gap, gap),
    problemCriticalDistanceSqTile(x, tile), x, m, v);
}
