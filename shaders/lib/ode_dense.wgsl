// Shared part of the ODE kernels for coupled problems (kernels/ode_dense_fixed_step.wgsl,
// kernels/ode_dense_adaptive.wgsl): one thread per trajectory, the state and the Runge-Kutta
// stages of all tiles in storage (`work`), because a stage of one tile needs the previous
// stage of every tile. Needs a coupled problem module (problems/quadratic_dense_ode.wgsl:
// densePrepare, denseScratch), lib/ode_record, lib/ode_state and an ODE module.

override TILE_COUNT: u32 = 1u;

// Slots of `work` per trajectory, TILE_COUNT tiles each.
const SLOT_STATE: u32 = 0u;  // z at the current time
const SLOT_POINT: u32 = 1u;  // the stage point being evaluated, or a dense-output point
const SLOT_NEW: u32 = 2u;    // dopri5: the 5th-order candidate z(t + h)
const SLOT_STAGE: u32 = 3u;  // k1 .. k7 at SLOT_STAGE .. SLOT_STAGE + 6
const SLOT_COUNT: u32 = 10u;

@group(0) @binding(1) var<storage, read> outputTimes: array<f32>;
@group(0) @binding(2) var<storage, read> initialState: array<OdeTile>;
@group(0) @binding(3) var<storage, read_write> work: array<OdeTile>;
@group(0) @binding(4) var<storage, read_write> records: array<OdeRecord>;

fn workIndex(trajectory: u32, slot: u32, tile: u32) -> u32 {
  return (trajectory * SLOT_COUNT + slot) * TILE_COUNT + tile;
}

// grad F and S at the x of work[slot] (the tile functions of the problem then read them).
fn denseLoad(trajectory: u32, slot: u32) {
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    denseScratch[trajectory * TILE_COUNT + tile].x = work[workIndex(trajectory, slot, tile)].x;
  }
  densePrepare(trajectory);
}

// work[outSlot] = the (projected) field at (t, work[pointSlot]); at t = 0 with the exact
// half-rate limits along x' (docs/math.md section 3).
fn denseEvaluate(trajectory: u32, t: f32, pointSlot: u32, outSlot: u32) {
  denseLoad(trajectory, pointSlot);
  if (t <= 0.0) {
    // The x-rate of every ODE does not depend on the half rates, so a first pass gives x'.
    for (var tile = 0u; tile < TILE_COUNT; tile++) {
      let z = work[workIndex(trajectory, pointSlot, tile)];
      denseScratch[trajectory * TILE_COUNT + tile].xDot = odeDerivativeTile(t, z, tile).x;
    }
    densePrepareHalfRates();
  }
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = work[workIndex(trajectory, pointSlot, tile)];
    work[workIndex(trajectory, outSlot, tile)] = odeFieldTile(t, z, tile);
  }
}

// Records F, V, |m|^2, |v - S|^2, dist^2 of work[slot] at output k.
fn denseObserve(trajectory: u32, t: f32, slot: u32, k: u32) {
  denseLoad(trajectory, slot);
  var r = odeObserveTile(t, work[workIndex(trajectory, slot, 0u)], 0u);
  for (var tile = 1u; tile < TILE_COUNT; tile++) {
    let o = odeObserveTile(t, work[workIndex(trajectory, slot, tile)], tile);
    r.F += o.F;
    r.V += o.V;
    r.mNormSq += o.mNormSq;
    r.vGapSq += o.vGapSq;
    r.distSq += o.distSq;
  }
  records[trajectory * odeParams.outputCount + k] = r;
}

// z(0) from x0 (odeInitialTile reads grad F and S at x0).
fn denseInitialize(trajectory: u32) {
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    work[workIndex(trajectory, SLOT_STATE, tile)] = initialState[trajectory * TILE_COUNT + tile];
  }
  denseLoad(trajectory, SLOT_STATE);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let index = workIndex(trajectory, SLOT_STATE, tile);
    work[index] = odeInitialTile(work[index], tile);
  }
}

// work[outSlot] = z + h sum_i c_i k_i over the first six stages.
fn denseCombine(trajectory: u32, h: f32, c: array<f32, 6>, outSlot: u32) {
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let s = SLOT_STAGE;
    work[workIndex(trajectory, outSlot, tile)] = tileCombine6(
      work[workIndex(trajectory, SLOT_STATE, tile)], h, c,
      work[workIndex(trajectory, s, tile)], work[workIndex(trajectory, s + 1u, tile)],
      work[workIndex(trajectory, s + 2u, tile)], work[workIndex(trajectory, s + 3u, tile)],
      work[workIndex(trajectory, s + 4u, tile)], work[workIndex(trajectory, s + 5u, tile)]);
  }
}
