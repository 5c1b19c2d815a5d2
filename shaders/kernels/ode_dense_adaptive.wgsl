// Adaptive Dormand-Prince 5(4) for coupled problems (quadratic-dense), one thread per
// trajectory with its own step sequence; the PI control, dense output, status codes and
// resumable dispatches of kernels/ode_adaptive.wgsl, with every stage of every tile in `work`
// (lib/ode_dense.wgsl) since each stage needs the whole previous stage.
// Modules: lib/philox, lib/random, problems/tile, problems/quadratic_dense_ode, lib/math,
// lib/ode_record, lib/ode_state, lib/ode_dense, ode/<ode>, integrators/dopri5 (tableau
// helpers), this file. Twin: src/ode/integrators/dopri5.ts.


override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(5) var<storage, read_write> progress: array<OdeProgress>;

fn stageTile(trajectory: u32, i: u32, tile: u32) -> OdeTile {
  return work[workIndex(trajectory, SLOT_STAGE + i, tile)];
}

fn stepTile(trajectory: u32, tile: u32) -> Dopri5Tile {
  return Dopri5Tile(work[workIndex(trajectory, SLOT_NEW, tile)], stageTile(trajectory, 0u, tile),
    stageTile(trajectory, 2u, tile), stageTile(trajectory, 3u, tile), stageTile(trajectory, 4u, tile),
    stageTile(trajectory, 5u, tile), stageTile(trajectory, 6u, tile));
}

fn sumSquares(a: OdeTile, z: OdeTile) -> f32 {
  let sx = a.x / (odeParams.atol + odeParams.rtol * abs(z.x));
  let sy = a.y / (odeParams.atol + odeParams.rtol * abs(z.y));
  let sw = a.w / (odeParams.atol + odeParams.rtol * abs(z.w));
  return dot(sx, sx) + dot(sy, sy) + dot(sw, sw);
}

// z(0), the records at t = 0, k1 = f(0, z0) and the first step (as kernels/ode_adaptive.wgsl).
fn startSolve(trajectory: u32) -> OdeProgress {
  var p = OdeProgress(0.0, 0.0, odeParams.initialStep, 1.0e-4, 0u, 0u, 0u, STATUS_RUNNING, 0u);
  denseInitialize(trajectory);
  while (p.nextOutput < odeParams.outputCount && outputTimes[p.nextOutput] <= 0.0) {
    denseObserve(trajectory, 0.0, SLOT_STATE, p.nextOutput);
    p.nextOutput++;
  }
  denseEvaluate(trajectory, 0.0, SLOT_STATE, SLOT_STAGE);
  if (odeParams.initialStep > 0.0) { return p; }
  var sums = vec3<f32>(0.0);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = work[workIndex(trajectory, SLOT_STATE, tile)];
    sums += vec3<f32>(sumSquares(z, z), sumSquares(stageTile(trajectory, 0u, tile), z), 0.0);
  }
  let d0 = sqrt(sums.x / odeParams.errorComponents);
  let d1 = sqrt(sums.y / odeParams.errorComponents);
  let h0 = select(0.01 * d0 / d1, 1.0e-6, d0 < 1.0e-5 || d1 < 1.0e-5);
  denseCombine(trajectory, h0, array<f32, 6>(1.0, 0.0, 0.0, 0.0, 0.0, 0.0), SLOT_POINT);
  denseEvaluate(trajectory, h0, SLOT_POINT, SLOT_STAGE + 1u);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = work[workIndex(trajectory, SLOT_STATE, tile)];
    sums.z += sumSquares(tileAxpy(stageTile(trajectory, 1u, tile), -1.0, stageTile(trajectory, 0u, tile)), z);
  }
  let d2 = sqrt(sums.z / odeParams.errorComponents) / h0;
  let top = max(d1, d2);
  let h1 = select(pow(0.01 / top, 0.2), max(1.0e-6, h0 * 1.0e-3), top <= 1.0e-15);
  p.stepSize = min(100.0 * h0, h1);
  return p;
}

// Rows 2..7 of the Butcher tableau (integrators/dopri5.wgsl; row 7 = the 5th-order weights)
// and the nodes c_2..c_7. One loop over the stages: a single inlined call site of
// denseEvaluate keeps the pipeline small (SwiftShader compiles every inlined copy).
fn dopri5Rows() -> array<array<f32, 6>, 6> {
  return array<array<f32, 6>, 6>(
  array<f32, 6>(1.0 / 5.0, 0.0, 0.0, 0.0, 0.0, 0.0),
  array<f32, 6>(3.0 / 40.0, 9.0 / 40.0, 0.0, 0.0, 0.0, 0.0),
  array<f32, 6>(44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0, 0.0, 0.0, 0.0),
  array<f32, 6>(19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0, 0.0, 0.0),
  array<f32, 6>(9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0, 0.0),
  array<f32, 6>(35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0));
}

// Stages k2 .. k7 and the candidate z(t + h) (in SLOT_NEW) from k1.
fn denseAttempt(trajectory: u32, t: f32, h: f32) {
  var rows = dopri5Rows();
  var nodes = array<f32, 6>(1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0);
  for (var i = 0u; i < 6u; i++) {
    let point = select(SLOT_POINT, SLOT_NEW, i == 5u);
    denseCombine(trajectory, h, rows[i], point);
    denseEvaluate(trajectory, t + nodes[i] * h, point, SLOT_STAGE + 1u + i);
  }
}

fn attemptStep(trajectory: u32, p: OdeProgress) -> OdeProgress {
  var q = p;
  let plan = dopri5PlanStep(&q);
  if (q.status != STATUS_RUNNING) { return q; }
  let t = q.time;
  let hTry = plan.x;
  let isLast = plan.y > 0.5;
  denseAttempt(trajectory, t, hTry);
  var errSq = 0.0;
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    errSq += dopri5ErrorSqTile(work[workIndex(trajectory, SLOT_STATE, tile)], stepTile(trajectory, tile), hTry);
  }
  let err = sqrt(errSq / odeParams.errorComponents);
  if (!dopri5JudgeStep(&q, hTry, err)) { return q; }
  let tNew = dopri5NewTime(q, hTry, isLast);
  while (q.nextOutput < odeParams.outputCount && (outputTimes[q.nextOutput] <= tNew || isLast)) {
    let theta = clamp((outputTimes[q.nextOutput] - t) / hTry, 0.0, 1.0);
    for (var tile = 0u; tile < TILE_COUNT; tile++) {
      let z = work[workIndex(trajectory, SLOT_STATE, tile)];
      work[workIndex(trajectory, SLOT_POINT, tile)] = odeProjectStateTile(dopri5DenseTile(z, stepTile(trajectory, tile), hTry, theta));
    }
    denseObserve(trajectory, outputTimes[q.nextOutput], SLOT_POINT, q.nextOutput);
    q.nextOutput++;
  }
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    work[workIndex(trajectory, SLOT_STATE, tile)] = odeProjectStateTile(work[workIndex(trajectory, SLOT_NEW, tile)]);
    work[workIndex(trajectory, SLOT_STAGE, tile)] = stageTile(trajectory, 6u, tile);   // FSAL
  }
  dopri5AcceptStep(&q, hTry, err, isLast);
  return q;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeDenseAdaptive(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let trajectory = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (trajectory >= odeParams.trajectoryCount) { return; }
  var p = progress[trajectory];
  if (p.status >= STATUS_DONE) { return; }
  if (p.status == 0u) { p = startSolve(trajectory); }
  for (var attempt = 0u; attempt < odeParams.stepsPerDispatch && p.status == STATUS_RUNNING; attempt++) {
    p = attemptStep(trajectory, p);
  }
  progress[trajectory] = p;
}
