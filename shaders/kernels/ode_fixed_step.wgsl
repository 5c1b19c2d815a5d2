// Fixed-step ODE solve (Euler or RK4, by the integrator module), one thread per trajectory.
// Modules: lib/philox, lib/random, problems/tile, problems/<name>, lib/math, lib/ode_record,
// lib/ode_state, lib/ode_half_rates,
// ode/<ode>, integrators/<euler|rk4>, this file. Twin: src/ode/integrators/fixedStep.ts.
//
// The problems are tile-separable and the step sequence is fixed, so each tile is integrated
// on its own with its state in registers (tile-outer, time-inner): no stage storage at any d.
// One dispatch covers the output intervals [firstOutput, endOutput); `state` carries the
// tiles between dispatches. Interval k runs from outputTimes[k-1] (0 for k = 0) to
// outputTimes[k] in substepCounts[k] equal steps, so every output time is hit exactly.

override TILE_COUNT: u32 = 1u;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(1) var<storage, read> outputTimes: array<f32>;
@group(0) @binding(2) var<storage, read> substepCounts: array<u32>;
@group(0) @binding(3) var<storage, read> initialState: array<OdeTile>;
@group(0) @binding(4) var<storage, read_write> state: array<OdeTile>;
@group(0) @binding(5) var<storage, read_write> records: array<OdeRecord>;

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

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeFixedStep(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let trajectory = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (trajectory >= odeParams.trajectoryCount) { return; }
  for (var tile = 0u; tile < TILE_COUNT; tile++) {
    let slot = trajectory * TILE_COUNT + tile;
    var z: OdeTile;
    if (odeParams.firstOutput == 0u) {
      z = odeInitialTile(initialState[slot], tile);
    } else {
      z = state[slot];
    }
    for (var k = odeParams.firstOutput; k < odeParams.endOutput; k++) {
      let t0 = select(0.0, outputTimes[max(k, 1u) - 1u], k > 0u);
      let n = substepCounts[k];
      let h = (outputTimes[k] - t0) / f32(max(n, 1u));
      for (var i = 0u; i < n; i++) {
        z = odeProjectStateTile(integratorStepTile(t0 + f32(i) * h, h, z, tile));
      }
      accumulateRecord(trajectory * odeParams.outputCount + k, tile, odeObserveTile(outputTimes[k], z, tile));
    }
    state[slot] = z;
  }
}
