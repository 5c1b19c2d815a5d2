// Adaptive Dormand-Prince 5(4) solve with PI step-size control and dense output, one thread
// per trajectory, each with its own step sequence (no lockstep). Modules: lib/philox,
// lib/random, problems/tile, problems/<name>, lib/math, lib/ode_record, lib/ode_state,
// lib/ode_half_rates, ode/<ode>,
// integrators/dopri5, this file. Twin: src/ode/integrators/dopri5.ts (solveDopri5).
//
// d <= 4 (TILE_COUNT = 1): z, the FSAL stage and the last step's stages live in registers.
// d > 4: z lives in `state` (slot 0 of each tile) and an attempt computes each tile's 7 stages
// in registers (k1 recomputed, 6 new stages: 7 evaluations), accumulates the error norm and
// keeps the tile's zNew in slot 1. An accepted step copies slot 1 to slot 0; only a step that
// covers an output time recomputes the stages of its tiles for the dense output (about 2x the
// evaluations of that step, which is rare). 6d floats of memory per trajectory instead of ~27d.
// (Until 0.1 every accepted step recomputed all stages: 14 evaluations per attempt.)
// A dispatch makes at most stepsPerDispatch attempts; `progress` resumes the solve.


override TILE_COUNT: u32 = 1u;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(1) var<storage, read> outputTimes: array<f32>;
@group(0) @binding(2) var<storage, read> initialState: array<OdeTile>;
@group(0) @binding(3) var<storage, read_write> state: array<OdeTile>;
@group(0) @binding(4) var<storage, read_write> records: array<OdeRecord>;
@group(0) @binding(5) var<storage, read_write> progress: array<OdeProgress>;

var<private> registerTile: OdeTile;
var<private> registerK1: OdeTile;
var<private> registerStep: Dopri5Tile;

fn loadTile(trajectory: u32, tile: u32) -> OdeTile {
  if (TILE_COUNT == 1u) { return registerTile; }
  return state[trajectory * TILE_COUNT + tile];
}

fn storeTile(trajectory: u32, tile: u32, z: OdeTile) {
  if (TILE_COUNT == 1u) { registerTile = z; } else { state[trajectory * TILE_COUNT + tile] = z; }
}

// Slot 1 of the tiles (d > 4): the zNew of the current attempt, after the trajectory's z slots.
fn pendingIndex(trajectory: u32, tile: u32) -> u32 {
  return (odeParams.trajectoryCount + trajectory) * TILE_COUNT + tile;
}

fn accumulateRecord(index: u32, tile: u32, o: OdeRecord) {
  var r = o;
  if (tile > 0u) {
    r = records[index];
    r.F += o.F;
    r.V += o.V;
    r.mNormSq += o.mNormSq;
    r.vGapSq += o.vGapSq;
    r.distSq += o.distSq;
  }
  records[index] = r;
}

fn tileSquares(a: OdeTile, z: OdeTile) -> f32 {
  let sx = a.x / (odeParams.atol + odeParams.rtol * abs(z.x));
  let sy = a.y / (odeParams.atol + odeParams.rtol * abs(z.y));
  let sw = a.w / (odeParams.atol + odeParams.rtol * abs(z.w));
  return dot(sx, sx) + dot(sy, sy) + dot(sw, sw);
}

// z(0), the records at t = 0 and the first step (odeParams.initialStep, or Hairer's heuristic).
fn startSolve(trajectory: u32) -> OdeProgress {
  var p = OdeProgress(0.0, 0.0, odeParams.initialStep, 1.0e-4, 0u, 0u, 0u, STATUS_RUNNING, 0u);
  var sums = vec3<f32>(0.0);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = odeInitialTile(initialState[trajectory * TILE_COUNT + tile], tile);
    storeTile(trajectory, tile, z);
    let k1 = odeFieldTile(0.0, z, tile);
    if (TILE_COUNT == 1u) { registerK1 = k1; }
    for (var k = 0u; k < odeParams.outputCount && outputTimes[k] <= 0.0; k++) {
      accumulateRecord(trajectory * odeParams.outputCount + k, tile, odeObserveTile(0.0, z, tile));
    }
    sums += vec3<f32>(tileSquares(z, z), tileSquares(k1, z), 0.0);
  }
  while (p.nextOutput < odeParams.outputCount && outputTimes[p.nextOutput] <= 0.0) { p.nextOutput++; }
  if (odeParams.initialStep > 0.0) { return p; }
  let d0 = sqrt(sums.x / odeParams.errorComponents);
  let d1 = sqrt(sums.y / odeParams.errorComponents);
  let h0 = select(0.01 * d0 / d1, 1.0e-6, d0 < 1.0e-5 || d1 < 1.0e-5);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = loadTile(trajectory, tile);
    let k1 = odeFieldTile(0.0, z, tile);
    let k2 = odeFieldTile(h0, tileAxpy(z, h0, k1), tile);
    sums.z += tileSquares(tileAxpy(k2, -1.0, k1), z);
  }
  let d2 = sqrt(sums.z / odeParams.errorComponents) / h0;
  let top = max(d1, d2);
  let h1 = select(pow(0.01 / top, 0.2), max(1.0e-6, h0 * 1.0e-3), top <= 1.0e-15);
  p.stepSize = min(100.0 * h0, h1);
  return p;
}

// Emits the dense output of an accepted step on one tile at every output time it covers.
fn emitOutputs(trajectory: u32, tile: u32, z: OdeTile, s: Dopri5Tile, t: f32, h: f32, tNew: f32, isLast: bool, first: u32) -> u32 {
  var k = first;
  while (k < odeParams.outputCount && (outputTimes[k] <= tNew || isLast)) {
    let theta = clamp((outputTimes[k] - t) / h, 0.0, 1.0);
    let zOut = odeProjectStateTile(dopri5DenseTile(z, s, h, theta));
    accumulateRecord(trajectory * odeParams.outputCount + k, tile, odeObserveTile(outputTimes[k], zOut, tile));
    k++;
  }
  return k;
}

// One step attempt with PI control (integrators/dopri5.wgsl: plan, judge, accept).
fn attemptStep(trajectory: u32, p: OdeProgress) -> OdeProgress {
  var q = p;
  let plan = dopri5PlanStep(&q);
  if (q.status != STATUS_RUNNING) { return q; }
  let t = q.time;
  let hTry = plan.x;
  let isLast = plan.y > 0.5;
  var errSq = 0.0;
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = loadTile(trajectory, tile);
    var k1 = registerK1;
    if (TILE_COUNT > 1u) { k1 = odeFieldTile(t, z, tile); }
    let s = dopri5AttemptTile(t, hTry, z, k1, tile);
    if (TILE_COUNT == 1u) { registerStep = s; } else { state[pendingIndex(trajectory, tile)] = s.zNew; }
    errSq += dopri5ErrorSqTile(z, s, hTry);
  }
  let err = sqrt(errSq / odeParams.errorComponents);
  if (!dopri5JudgeStep(&q, hTry, err)) { return q; }
  let tNew = dopri5NewTime(q, hTry, isLast);
  var next = q.nextOutput;
  let emits = next < odeParams.outputCount && (outputTimes[next] <= tNew || isLast);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    if (TILE_COUNT == 1u) {
      let s = registerStep;
      next = emitOutputs(trajectory, tile, registerTile, s, t, hTry, tNew, isLast, q.nextOutput);
      registerTile = odeProjectStateTile(s.zNew);
      registerK1 = s.k7;
    } else {
      var zNew = state[pendingIndex(trajectory, tile)];
      if (emits) {
        let z = loadTile(trajectory, tile);
        let s = dopri5AttemptTile(t, hTry, z, odeFieldTile(t, z, tile), tile);
        next = emitOutputs(trajectory, tile, z, s, t, hTry, tNew, isLast, q.nextOutput);
        zNew = s.zNew;
      }
      storeTile(trajectory, tile, odeProjectStateTile(zNew));
    }
  }
  q.nextOutput = next;
  dopri5AcceptStep(&q, hTry, err, isLast);
  return q;
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeAdaptive(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let trajectory = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (trajectory >= odeParams.trajectoryCount) { return; }
  var p = progress[trajectory];
  if (p.status >= STATUS_DONE) { return; }
  if (p.status == 0u) {
    p = startSolve(trajectory);
  } else if (TILE_COUNT == 1u) {
    registerTile = state[trajectory];
    registerK1 = odeFieldTile(p.time, registerTile, 0u);
  }
  for (var attempt = 0u; attempt < odeParams.stepsPerDispatch && p.status == STATUS_RUNNING; attempt++) {
    p = attemptStep(trajectory, p);
  }
  progress[trajectory] = p;
  if (TILE_COUNT == 1u) { state[trajectory] = registerTile; }
}
