// Fixed-step ODE solve for coupled problems (quadratic-dense), one thread per trajectory:
// Euler (RK_STAGES = 1) or classical RK4 (RK_STAGES = 4) with every stage of every tile in
// `work` (lib/ode_dense.wgsl). Same windows and substeps as kernels/ode_fixed_step.wgsl.
// Modules: lib/philox, lib/random, problems/tile, problems/quadratic_dense_ode, lib/math,
// lib/ode_record, lib/ode_state, lib/ode_dense, ode/<ode>, this file.
// Twin: src/ode/integrators/fixedStep.ts.

override WORKGROUP_SIZE: u32 = 64u;
override RK_STAGES: u32 = 4u;

@group(0) @binding(5) var<storage, read> substepCounts: array<u32>;

// One Euler or RK4 step from SLOT_STATE. The RK4 stages run in a loop so that denseEvaluate
// is inlined twice, not four times (SwiftShader compiles every inlined copy).
fn denseFixedStep(trajectory: u32, t: f32, h: f32) {
  denseEvaluate(trajectory, t, SLOT_STATE, SLOT_STAGE);
  var weights = array<f32, 6>(1.0, 0.0, 0.0, 0.0, 0.0, 0.0);
  if (RK_STAGES == 4u) {
    // Stage i + 1 at t + c h from z + c h k_i, c = 1/2, 1/2, 1.
    var nodes = array<f32, 3>(0.5, 0.5, 1.0);
    for (var i = 0u; i < 3u; i++) {
      var row = array<f32, 6>(0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
      row[i] = 1.0;
      denseCombine(trajectory, nodes[i] * h, row, SLOT_POINT);
      denseEvaluate(trajectory, t + nodes[i] * h, SLOT_POINT, SLOT_STAGE + 1u + i);
    }
    weights = array<f32, 6>(1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0, 0.0, 0.0);
  }
  denseCombine(trajectory, h, weights, SLOT_POINT);
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let z = work[workIndex(trajectory, SLOT_POINT, tile)];
    work[workIndex(trajectory, SLOT_STATE, tile)] = odeProjectStateTile(z);
  }
}

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeDenseFixedStep(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let trajectory = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (trajectory >= odeParams.trajectoryCount) { return; }
  if (odeParams.firstOutput == 0u) { denseInitialize(trajectory); }
  for (var k = odeParams.firstOutput; k < odeParams.endOutput; k++) {
    let t0 = select(0.0, outputTimes[max(k, 1u) - 1u], k > 0u);
    let n = substepCounts[k];
    let h = (outputTimes[k] - t0) / f32(max(n, 1u));
    for (var i = 0u; i < n; i++) { denseFixedStep(trajectory, t0 + f32(i) * h, h); }
    denseObserve(trajectory, outputTimes[k], SLOT_STATE, k);
  }
}
