// Fixed-step ODE solve for network problems, ONE WORKGROUP (64 lanes) per trajectory: Euler
// (RK_STAGES = 1) or classical RK4 (RK_STAGES = 4), every stage of every tile in `work`
// (lib/ode_network.wgsl), ∇F and S_B exact sums over the train split at every stage. Same
// windows and substeps as kernels/ode_fixed_step.wgsl.
// Modules: lib/philox, lib/random, problems/tile, problems/network, problems/network_ode,
// lib/math, lib/ode_record, lib/ode_state, lib/ode_network, ode/<ode>, this file.
// Twin: src/ode/integrators/fixedStep.ts.

override RK_STAGES: u32 = 4u;

@group(0) @binding(5) var<storage, read> substepCounts: array<u32>;

// One Euler or RK4 step from SLOT_STATE; the stages run in a loop so that networkEvaluate (and
// the network library in it) is inlined twice, not four times.
fn networkFixedStep(lane: u32, t: f32, h: f32) {
  networkEvaluate(lane, t, SLOT_STATE, SLOT_STAGE);
  var weights = array<f32, 4>(1.0, 0.0, 0.0, 0.0);
  if (RK_STAGES == 4u) {
    // Stage i + 1 at t + c h from z + c h k_i, c = 1/2, 1/2, 1.
    var nodes = array<f32, 3>(0.5, 0.5, 1.0);
    for (var i = 0u; i < 3u; i++) {
      var row = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
      row[i] = 1.0;
      networkCombine(lane, nodes[i] * h, row, SLOT_POINT);
      networkEvaluate(lane, t + nodes[i] * h, SLOT_POINT, SLOT_STAGE + 1u + i);
    }
    weights = array<f32, 4>(1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0);
  }
  networkCombine(lane, h, weights, SLOT_POINT);
  let tr = networkOdeTrajectory;
  for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
    let z = work[workIndex(tr, SLOT_POINT, tile)];
    work[workIndex(tr, SLOT_STATE, tile)] = odeProjectStateTile(z);
  }
}

@compute @workgroup_size(64)
fn odeNetworkFixedStep(@builtin(workgroup_id) group: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let trajectory = group.x + group.y * groups.x;
  if (trajectory >= odeParams.trajectoryCount) { return; }
  networkOdeTrajectory = trajectory;
  if (odeParams.firstOutput == 0u) { networkInitialize(lane); }
  for (var k = odeParams.firstOutput; k < odeParams.endOutput; k++) {
    let t0 = select(0.0, outputTimes[max(k, 1u) - 1u], k > 0u);
    let n = substepCounts[k];
    let h = (outputTimes[k] - t0) / f32(max(n, 1u));
    for (var i = 0u; i < n; i++) { networkFixedStep(lane, t0 + f32(i) * h, h); }
    networkObserve(lane, outputTimes[k], SLOT_STATE, k);
  }
}
