// Shared state and parameters of the ODE kernels (needs lib/math.wgsl, lib/ode_record.wgsl and
// a problem module: the problems/tile.wgsl contract plus lib/ode_half_rates.wgsl, or
// problems/quadratic_dense_ode.wgsl). Float64 twins: src/ode/systems.ts, observe.ts.
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
  lowerBound: f32,       // box constraint on every coordinate of x (reddi: [-1, 1]);
  upperBound: f32,       // -/+ 3.4e38 when unconstrained
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

// The half rates at t = 0 (see odeHalfRatesTile in lib/ode_half_rates.wgsl).
struct HalfRates {
  gradient: vec4<f32>,
  moment: vec4<f32>,
}

// The record of the paper variables (x, m, v) with F, V and the norms of one tile.
fn odeRecordTile(x: vec4<f32>, m: vec4<f32>, v: vec4<f32>, kinetic: f32, hasV: bool, tile: u32) -> OdeRecord {
  let value = problemValueTile(x, tile);
  let gap = select(vec4<f32>(0.0), v - problemSecondMomentTile(x, tile), hasV);
  return OdeRecord(value, value + kinetic, dot(m, m), dot(gap, gap),
    problemCriticalDistanceSqTile(x, tile), x, m, v);
}

// The projected field of a box-constrained problem (docs/math.md section 6 item 8, reddi): the
// x-velocity is set to 0 on coordinates that sit on (or beyond) a bound and point outward; the
// other blocks are unchanged. Identity without constraint. Twin: src/ode/constraint.ts.
fn odeFieldTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let k = odeDerivativeTile(t, z, tile);
  let atLower = z.x <= vec4<f32>(odeParams.lowerBound);
  let atUpper = z.x >= vec4<f32>(odeParams.upperBound);
  let blocked = (atLower & (k.x < vec4<f32>(0.0))) | (atUpper & (k.x > vec4<f32>(0.0)));
  return OdeTile(select(k.x, vec4<f32>(0.0), blocked), k.y, k.w);
}

// x clamped into the box (applied after every accepted step and to every observed state).
fn odeProjectStateTile(z: OdeTile) -> OdeTile {
  return OdeTile(clamp(z.x, vec4<f32>(odeParams.lowerBound), vec4<f32>(odeParams.upperBound)), z.y, z.w);
}
