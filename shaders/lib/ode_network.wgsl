// Shared part of the ODE kernels for network problems (kernels/ode_network_fixed_step.wgsl):
// ONE WORKGROUP of 64 lanes per trajectory. The state and the Runge-Kutta stages of all tiles
// live in storage (`work`, as lib/ode_dense.wgsl); lane owns tiles ≡ lane (mod 64) of every
// slot; the mean field at a slot's x is computed by all lanes together
// (problems/network_ode.wgsl: networkOdeMeanField), reading the weights through networkWeight.
// Every function here is called by all lanes in uniform control flow.
// Needs problems/network.wgsl, problems/network_ode.wgsl, lib/ode_record, lib/ode_state, an
// ODE module. Twin: src/ode/integrators/fixedStep.ts with the float64 network problem.

override TILE_COUNT: u32 = 1u;

// Slots of `work` per trajectory, TILE_COUNT tiles each.
const SLOT_STATE: u32 = 0u;  // z at the current time
const SLOT_POINT: u32 = 1u;  // the stage point being evaluated
const SLOT_RATE: u32 = 2u;   // t = 0: x' (in .x)
const SLOT_STAGE: u32 = 3u;  // k1 .. k4 at SLOT_STAGE .. SLOT_STAGE + 3
const SLOT_PLUS: u32 = 8u;   // t = 0: x + δ x', then x - δ x' at SLOT_PLUS + 1
const SLOT_COUNT: u32 = 10u;

@group(0) @binding(1) var<storage, read> outputTimes: array<f32>;
@group(0) @binding(2) var<storage, read> initialState: array<OdeTile>;
@group(0) @binding(3) var<storage, read_write> work: array<OdeTile>;
@group(0) @binding(4) var<storage, read_write> records: array<OdeRecord>;

// The slot whose x networkWeight reads.
var<private> networkOdeSlot: u32;

fn workIndex(trajectory: u32, slot: u32, tile: u32) -> u32 {
  return (trajectory * SLOT_COUNT + slot) * TILE_COUNT + tile;
}

// Coordinate k of the workgroup's current point (the contract of problems/network.wgsl).
fn networkWeight(k: u32) -> f32 {
  let x = work[workIndex(networkOdeTrajectory, networkOdeSlot, k / 4u)].x;
  return x[k % 4u];
}

// The mean field at the x of work[slot] into `cacheBlock` (after a barrier: the slot was just
// written by the lanes owning its tiles).
fn networkLoad(lane: u32, slot: u32, cacheBlock: u32) {
  storageBarrier();
  networkOdeSlot = slot;
  networkOdeMeanField(lane, cacheBlock);
}

// t = 0: x ± δ x' into SLOT_PLUS, SLOT_PLUS + 1, and 1/(4δ), for odeHalfRatesTile (the mean
// field there is computed by networkEvaluate).
fn networkHalfRatePoints(lane: u32, t: f32, pointSlot: u32) {
  let tr = networkOdeTrajectory;
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    // The x-rate of every ODE does not depend on the half rates (only .x is kept).
    let z = work[workIndex(tr, pointSlot, tile)];
    work[workIndex(tr, SLOT_RATE, tile)].x = odeDerivativeTile(t, z, tile).x;
  }
  storageBarrier();
  var xMax = 0.0;
  var rateMax = 0.0;
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let x = abs(work[workIndex(tr, pointSlot, tile)].x);
    let r = abs(work[workIndex(tr, SLOT_RATE, tile)].x);
    xMax = max(xMax, max(max(x.x, x.y), max(x.z, x.w)));
    rateMax = max(rateMax, max(max(r.x, r.y), max(r.z, r.w)));
  }
  let delta = select(0.0, 5e-3 * (1.0 + xMax) / rateMax, rateMax > 0.0);
  networkOdeHalfScale = select(0.0, 1.0 / (4.0 * delta), rateMax > 0.0);
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    let x = work[workIndex(tr, pointSlot, tile)].x;
    let r = work[workIndex(tr, SLOT_RATE, tile)].x;
    work[workIndex(tr, SLOT_PLUS, tile)].x = x + delta * r;
    work[workIndex(tr, SLOT_PLUS + 1u, tile)].x = x - delta * r;
  }
}

// work[outSlot] = the (projected) field at (t, work[pointSlot]). At t = 0 three mean fields
// (x + δ x', x - δ x', x), else one, all from ONE call site of the network library (SwiftShader
// compiles every inlined copy).
fn networkEvaluate(lane: u32, t: f32, pointSlot: u32, outSlot: u32) {
  var evaluations = 1u;
  if (t <= 0.0) {
    networkHalfRatePoints(lane, t, pointSlot);
    evaluations = 3u;
  }
  for (var evaluation = 0u; evaluation < evaluations; evaluation++) {
    let last = evaluation + 1u == evaluations;
    networkLoad(lane, select(SLOT_PLUS + evaluation, pointSlot, last),
      select(NETWORK_BLOCK_PLUS + 2u * evaluation, NETWORK_BLOCK_GRADIENT, last));
  }
  let tr = networkOdeTrajectory;
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    let z = work[workIndex(tr, pointSlot, tile)];
    work[workIndex(tr, outSlot, tile)] = odeFieldTile(t, z, tile);
  }
}

// Records F, V, |m|^2, |v - S|^2, |∇F|^2 of the state at output k (lane 0 writes), after
// networkLoad of the state.
fn networkRecord(lane: u32, t: f32, k: u32) {
  let tr = networkOdeTrajectory;
  if (lane == 0u) {
    var r = odeObserveTile(t, work[workIndex(tr, SLOT_STATE, 0u)], 0u);
    for (var tile = 1u; tile < TILE_COUNT; tile++) {
      let o = odeObserveTile(t, work[workIndex(tr, SLOT_STATE, tile)], tile);
      r.F += o.F;
      r.V += o.V;
      r.mNormSq += o.mNormSq;
      r.vGapSq += o.vGapSq;
      r.distSq += o.distSq;
    }
    records[tr * odeParams.outputCount + k] = r;
  }
}

// z(0) from x0, after networkLoad of the state holding x0 (odeInitialTile reads ∇F and S).
fn networkInitialize(lane: u32) {
  let tr = networkOdeTrajectory;
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    let index = workIndex(tr, SLOT_STATE, tile);
    work[index] = odeInitialTile(work[index], tile);
  }
}

// work[outSlot] = z + h sum_i c_i k_i over the four stages (per owned tile).
fn networkCombine(lane: u32, h: f32, c: array<f32, 4>, outSlot: u32) {
  let tr = networkOdeTrajectory;
  let s = SLOT_STAGE;
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    let z = work[workIndex(tr, SLOT_STATE, tile)];
    let k1 = work[workIndex(tr, s, tile)];
    let k2 = work[workIndex(tr, s + 1u, tile)];
    let k3 = work[workIndex(tr, s + 2u, tile)];
    let k4 = work[workIndex(tr, s + 3u, tile)];
    work[workIndex(tr, outSlot, tile)] = OdeTile(
      z.x + h * (c[0] * k1.x + c[1] * k2.x + c[2] * k3.x + c[3] * k4.x),
      z.y + h * (c[0] * k1.y + c[1] * k2.y + c[2] * k3.y + c[3] * k4.y),
      z.w + h * (c[0] * k1.w + c[1] * k2.w + c[2] * k3.w + c[3] * k4.w));
  }
}
