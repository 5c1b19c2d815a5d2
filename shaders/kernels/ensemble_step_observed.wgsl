// ensemble_step.wgsl with an observer (needs lib/philox, lib/random, problems/tile, a tiled
// problem, optimizers/state, an optimizer, observers/observer.wgsl and one observer module).
// Thread i: tile i % tileCount of local trajectory i / tileCount. The observation of the
// (trajectory, tile) is loaded into registers, folded with observerUpdate after every
// accepted step n (n = firstStep .. min(firstStep + stepCount - 1, observerLastStep(group)))
// and stored at the end. Steps past the group's lastStep are not taken. Divergence as in
// ensemble_step.wgsl (the non-finite step is neither accepted nor observed).
// Twin: src/ensemble/cpuObserved.ts.

struct EnsembleStepParams {
  key: vec2<u32>,
  firstTrajectory: u32,   // global index of this chunk's first trajectory
  trajectoryCount: u32,   // trajectories in this chunk
  tileCount: u32,
  groupSize: u32,         // trajectories per hyperparameter group (hypers[global / groupSize])
  firstStep: u32,         // n of the first step of this dispatch
  stepCount: u32,         // K
  randomOffset: u32,      // added to the trajectory index of every draw (a shard's first global trajectory)
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: EnsembleStepParams;
@group(0) @binding(1) var<storage, read> hypers: array<OptimizerHyper>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> firstMoments: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> secondMoments: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> auxiliary: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> biasWeights: array<vec2<f32>>;   // per (trajectory, tile)
@group(0) @binding(7) var<storage, read_write> diverged: array<atomic<u32>>;    // per global trajectory (whole buffer)
@group(0) @binding(8) var<storage, read_write> observations: array<vec4<f32>>;  // per (trajectory, tile)

@compute @workgroup_size(WORKGROUP_SIZE)
fn ensembleStepObserved(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.trajectoryCount * params.tileCount) { return; }
  let trajectory = params.firstTrajectory + i / params.tileCount;
  if (atomicLoad(&diverged[trajectory]) != 0u) { return; }
  let tile = i % params.tileCount;
  let group = trajectory / params.groupSize;
  let hyper = hypers[group];
  let lastStep = min(params.firstStep + params.stepCount - 1u, observerLastStep(group));
  if (lastStep < params.firstStep) { return; }
  var state = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
  var observation = observations[i];
  for (var n = params.firstStep; n <= lastStep; n++) {
    ensembleAdvanceTileUnchecked(&state, tile, params.key, params.randomOffset + trajectory, hyper, n);
    observerUpdate(&observation, state, tile, trajectory, group, n);
  }
  if (!ensembleStateFinite(state)) {
    // Diverged within this dispatch (rare): replay it with a test per step (finiteness is
    // tested once per dispatch, as in ensemble_step.wgsl).
    state = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
    observation = observations[i];
    for (var n = params.firstStep; n <= lastStep; n++) {
      if (!ensembleAdvanceTile(&state, tile, params.key, params.randomOffset + trajectory, hyper, n)) {
        atomicMax(&diverged[trajectory], n);
        break;
      }
      observerUpdate(&observation, state, tile, trajectory, group, n);
    }
  }
  positions[i] = state.x;
  firstMoments[i] = state.m;
  secondMoments[i] = state.v;
  auxiliary[i] = state.aux;
  biasWeights[i] = state.bias;
  observations[i] = observation;
}
