// One step of one trajectory's tile, shared by the tiled step kernels (ensemble_step.wgsl and
// ensemble_step_observed.wgsl). Needs lib/random, problems/tile, a tiled problem,
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
  let g = problemGradientSampleTile((*state).x, tile, key, trajectory, n);
  var next = *state;
  optimizerUpdate(&next, g, hyper, n);
  next.x = problemProjectTile(next.x, tile);
  if (!(ensembleAllFinite(next.x) && ensembleAllFinite(next.m) && ensembleAllFinite(next.v))) {
    return false;
  }
  *state = next;
  return true;
}
