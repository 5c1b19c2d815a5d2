// Fixed-step ODE solve for network problems, ONE WORKGROUP (64 lanes) per trajectory: Euler
// (RK_STAGES = 1) or classical RK4 (RK_STAGES = 4), every stage of every tile in `work`
// (lib/ode_network.wgsl), ∇F and S_B exact sums over the train split at every stage. Same
// windows and substeps as kernels/ode_fixed_step.wgsl.
// Modules: lib/philox, lib/random, problems/tile, problems/network, problems/network_ode,
// lib/math, lib/ode_record, lib/ode_state, lib/ode_network, ode/<ode>, this file.
// Twin: src/ode/integrators/fixedStep.ts.

override RK_STAGES: u32 = 4u;

@group(0) @binding(5) var<storage, read> substepCounts: array<u32>;

// One Euler or RK4 step from SLOT_STATE; the stages run in one loop so that networkEvaluate
// (and the network library in it) is inlined once.
fn networkFixedStep(lane: u32, t: f32, h: f32) {
  // Stage i + 1 at t + c h from z + c h k_i, c = 1/2, 1/2, 1.
  var nodes = array<f32, 3>(0.5, 0.5, 1.0);
  for (var i = 0u; i < RK_STAGES; i++) {
    var slot = SLOT_STATE;
    var stageTime = t;
    if (i > 0u) {
      var row = array<f32, 4>(0.0, 0.0, 0.0, 0.0);
      row[i - 1u] = 1.0;
      networkCombine(lane, nodes[i - 1u] * h, row, SLOT_POINT);
      slot = SLOT_POINT;
      stageTime = t + nodes[i - 1u] * h;
    }
    networkEvaluate(lane, stageTime, slot, SLOT_STAGE + i);
  }
  var weights = array<f32, 4>(1.0, 0.0, 0.0, 0.0);
  if (RK_STAGES == 4u) { weights = array<f32, 4>(1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0); }
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
  // Each pass: the steps of output k (except before the initialization), then the mean field
  // at the state (one call site), then the initialization or the record of output k.
  var k = odeParams.firstOutput;
  var initialized = k != 0u;
  if (!initialized) {
    for (var tile = lane; tile < TILE_COUNT; tile += NETWORK_ODE_LANES) {
      work[workIndex(trajectory, SLOT_STATE, tile)] = initialState[trajectory * TILE_COUNT + tile];
    }
  }
  loop {
    if (initialized) {
      let t0 = select(0.0, outputTimes[max(k, 1u) - 1u], k > 0u);
      let n = substepCounts[k];
      let h = (outputTimes[k] - t0) / f32(max(n, 1u));
      for (var i = 0u; i < n; i++) { networkFixedStep(lane, t0 + f32(i) * h, h); }
    }
    networkLoad(lane, SLOT_STATE, NETWORK_BLOCK_GRADIENT);
    if (initialized) {
      networkRecord(lane, outputTimes[k], k);
      k++;
    } else {
      networkInitialize(lane);
      initialized = true;
    }
    if (k >= odeParams.endOutput) { break; }
  }
}
