// One step of one trajectory's tile, shared by the tiled step kernels (ensemble_step.wgsl and
// ensemble_step_observed.wgsl): unchecked (the fast path of a dispatch, finiteness tested once
// at its end by ensembleStateFinite) and checked (the replay of a dispatch that ended
// non-finite, which finds the step of divergence and the last finite state). Needs lib/random, problems/tile, a tiled problem,
// optimizers/state and an optimizer. Twin: advanceTrajectory in src/ensemble/cpuTrajectory.ts.

// False when a lane is NaN or infinite (exponent bits all set); robust to fast-math.
fn ensembleAllFinite(v: vec4<f32>) -> bool {
  let exponent = bitcast<vec4<u32>>(v) & vec4<u32>(0x7f800000u);
  return all(exponent != vec4<u32>(0x7f800000u));
}

// Step n (n >= 1) draws its gradient at stepIndex = n, updates the optimizer state and
// projects x (identity except reddi). Returns false, leaving *state as it was, when the new
// x, m or v is not finite (the caller flags the trajectory as diverged).
fn ensembleAdvanceTile(
  state: ptr<function, OptimizerState>,
  tile: u32,
  key: vec2<u32>,
  trajectory: u32,
  hyper: OptimizerHyper,
  n: u32,
) -> bool {
  var next = *state;
  ensembleAdvanceTileUnchecked(&next, tile, key, trajectory, hyper, n);
  if (!ensembleStateFinite(next)) {
    return false;
  }
  *state = next;
  return true;
}

// True when x, m and v of the state are finite (checked once per dispatch by the step kernels).
fn ensembleStateFinite(state: OptimizerState) -> bool {
  return ensembleAllFinite(state.x) && ensembleAllFinite(state.m) && ensembleAllFinite(state.v);
}

// ensembleAdvanceTile without the finiteness test: the same arithmetic, bit for bit. A
// non-finite x, m or v stays non-finite through later steps (NaN and ±Inf propagate through the
// optimizers' updates; see docs/performance.md, "Finiteness once per dispatch"), so the kernel
// tests the state once after its K steps and replays the dispatch with ensembleAdvanceTile when
// the test fails. A problem projection or optimizer that maps a non-finite x, m or v back to a
// finite value (clamp, min, max, select of NaN/Inf) would escape the flag within a dispatch.
fn ensembleAdvanceTileUnchecked(
  state: ptr<function, OptimizerState>,
  tile: u32,
  key: vec2<u32>,
  trajectory: u32,
  hyper: OptimizerHyper,
  n: u32,
) {
  let g = problemGradientSampleTile((*state).x, tile, key, trajectory, n);
  optimizerUpdate(state, g, hyper, n);
  (*state).x = problemProjectTile((*state).x, tile);
}
