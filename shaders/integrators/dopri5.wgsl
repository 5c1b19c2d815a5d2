// Dormand-Prince 5(4) step on one tile, with its error estimate and the 4th-order continuous
// extension (Hairer, Nørsett, Wanner, Solving ODEs I, II.5-II.6, code DOPRI5). Needs an ODE
// module and lib/ode_state.wgsl (odeFieldTile). The kernel (kernels/ode_adaptive.wgsl) does the PI control.
// Twin: src/ode/integrators/dopri5.ts.

struct Dopri5Tile {
  zNew: OdeTile,   // 5th-order solution at t + h (row 7 of the tableau, FSAL)
  k1: OdeTile,
  k3: OdeTile,
  k4: OdeTile,
  k5: OdeTile,
  k6: OdeTile,
  k7: OdeTile,     // f(t + h, zNew): k1 of the next step
}

fn dopri5AttemptTile(t: f32, h: f32, z: OdeTile, k1: OdeTile, tile: u32) -> Dopri5Tile {
  let k2 = odeFieldTile(t + h * (1.0 / 5.0), tileAxpy(z, h * (1.0 / 5.0), k1), tile);
  let c3 = array<f32, 6>(3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0);
  let k3 = odeFieldTile(t + h * (3.0 / 10.0), tileCombine6(z, h, c3, k1, k2, k2, k2, k2, k2), tile);
  let c4 = array<f32, 6>(44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0);
  let k4 = odeFieldTile(t + h * (4.0 / 5.0), tileCombine6(z, h, c4, k1, k2, k3, k3, k3, k3), tile);
  let c5 = array<f32, 6>(19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0);
  let k5 = odeFieldTile(t + h * (8.0 / 9.0), tileCombine6(z, h, c5, k1, k2, k3, k4, k4, k4), tile);
  let c6 = array<f32, 6>(9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0);
  let k6 = odeFieldTile(t + h, tileCombine6(z, h, c6, k1, k2, k3, k4, k5, k5), tile);
  let c7 = array<f32, 6>(35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0);
  let zNew = tileCombine6(z, h, c7, k1, k2, k3, k4, k5, k6);
  let k7 = odeFieldTile(t + h, zNew, tile);
  return Dopri5Tile(zNew, k1, k3, k4, k5, k6, k7);
}

// Σ over the tile's components of (h Σ e_i k_i / (atol + rtol max(|z|, |zNew|)))².
fn dopri5ErrorSqTile(z: OdeTile, s: Dopri5Tile, h: f32) -> f32 {
  let c = array<f32, 6>(71.0 / 57600.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0, 22.0 / 525.0, -1.0 / 40.0);
  let zero = OdeTile(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
  let e = tileCombine6(zero, h, c, s.k1, s.k3, s.k4, s.k5, s.k6, s.k7);
  let sx = odeParams.atol + odeParams.rtol * max(abs(z.x), abs(s.zNew.x));
  let sy = odeParams.atol + odeParams.rtol * max(abs(z.y), abs(s.zNew.y));
  let sw = odeParams.atol + odeParams.rtol * max(abs(z.w), abs(s.zNew.w));
  let qx = e.x / sx;
  let qy = e.y / sy;
  let qw = e.w / sw;
  return dot(qx, qx) + dot(qy, qy) + dot(qw, qw);
}

// The continuous extension at t + theta h, theta in [0, 1].
fn dopri5DenseTile(z: OdeTile, s: Dopri5Tile, h: f32, theta: f32) -> OdeTile {
  let c = array<f32, 6>(-12715105075.0 / 11282082432.0, 87487479700.0 / 32700410799.0,
    -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0,
    -1453857185.0 / 822651844.0, 69997945.0 / 29380423.0);
  let zero = OdeTile(vec4<f32>(0.0), vec4<f32>(0.0), vec4<f32>(0.0));
  let r5 = tileCombine6(zero, h, c, s.k1, s.k3, s.k4, s.k5, s.k6, s.k7);
  let u = 1.0 - theta;
  let x2 = s.zNew.x - z.x;
  let y2 = s.zNew.y - z.y;
  let w2 = s.zNew.w - z.w;
  let x3 = h * s.k1.x - x2;
  let y3 = h * s.k1.y - y2;
  let w3 = h * s.k1.w - w2;
  let x4 = x2 - h * s.k7.x - x3;
  let y4 = y2 - h * s.k7.y - y3;
  let w4 = w2 - h * s.k7.w - w3;
  return OdeTile(
    z.x + theta * (x2 + u * (x3 + theta * (x4 + u * r5.x))),
    z.y + theta * (y2 + u * (y3 + theta * (y4 + u * r5.y))),
    z.w + theta * (w2 + u * (w3 + theta * (w4 + u * r5.w))),
  );
}

// Per-trajectory progress of an adaptive solve, resumed across dispatches (read back by
// src/ode/gpuBackend.ts through reflection).
struct OdeProgress {
  time: f32,          // t (Kahan-compensated by timeCarry)
  timeCarry: f32,
  stepSize: f32,      // next step to try
  errPrev: f32,       // previous accepted error norm (PI control)
  nextOutput: u32,
  accepted: u32,
  rejected: u32,
  status: u32,        // 0 not started, 1 running, 2 done, 3 max steps, 4 step underflow, 5 non-finite
  lastRejected: u32,
}

const STATUS_RUNNING: u32 = 1u;
const STATUS_DONE: u32 = 2u;
const STATUS_MAX_STEPS: u32 = 3u;
const STATUS_STEP_UNDERFLOW: u32 = 4u;
const STATUS_NON_FINITE: u32 = 5u;

// The step to attempt next: x = hTry, y = 1 when it reaches the final time. Sets the
// max-steps status (and returns hTry = 0) when the step budget is spent.
fn dopri5PlanStep(q: ptr<function, OdeProgress>) -> vec2<f32> {
  if ((*q).accepted + (*q).rejected >= odeParams.maxSteps) {
    (*q).status = STATUS_MAX_STEPS;
    return vec2<f32>(0.0, 0.0);
  }
  let h = clamp((*q).stepSize, odeParams.dtMin, odeParams.dtMax);
  let remaining = (odeParams.finalTime - (*q).time) - (*q).timeCarry;
  let isLast = h >= remaining;
  return vec2<f32>(select(h, remaining, isLast), select(0.0, 1.0, isLast));
}

// Judges an attempt of size hTry with scaled error norm err. Returns true when it is
// accepted; otherwise records the rejection (or the failure status) and shrinks the step.
fn dopri5JudgeStep(q: ptr<function, OdeProgress>, hTry: f32, err: f32) -> bool {
  if (!(err <= 3.0e38)) { (*q).status = STATUS_NON_FINITE; return false; }
  if (err <= 1.0) { return true; }
  if (hTry <= odeParams.dtMin) { (*q).status = STATUS_STEP_UNDERFLOW; return false; }
  (*q).rejected++;
  (*q).stepSize = hTry * max(0.2, 0.9 * pow(err, -0.2));
  (*q).lastRejected = 1u;
  return false;
}

// The time after an accepted step (Kahan sum; exactly the final time on the last step).
fn dopri5NewTime(q: OdeProgress, hTry: f32, isLast: bool) -> f32 {
  return select(q.time + (hTry + q.timeCarry), odeParams.finalTime, isLast);
}

// Commits an accepted step: time with Kahan compensation (f32 time keeps ~1 ulp over
// thousands of steps), counts, and the PI step-size update (Hairer's DOPRI5 constants, as
// src/ode/integrators/dopri5.ts).
fn dopri5AcceptStep(q: ptr<function, OdeProgress>, hTry: f32, err: f32, isLast: bool) {
  let y = hTry + (*q).timeCarry;
  let sum = (*q).time + y;
  (*q).timeCarry = select(y - (sum - (*q).time), 0.0, isLast);
  (*q).time = select(sum, odeParams.finalTime, isLast);
  (*q).accepted++;
  let errClamped = max(err, 1.0e-4);
  let factor = 0.9 * pow(errClamped, -0.17) * pow((*q).errPrev, 0.04);
  (*q).stepSize = hTry * clamp(factor, 0.2, select(10.0, 1.0, (*q).lastRejected == 1u));
  (*q).errPrev = errClamped;
  (*q).lastRejected = 0u;
  if (isLast) { (*q).status = STATUS_DONE; }
}
