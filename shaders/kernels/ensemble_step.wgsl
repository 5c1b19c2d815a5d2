// Advances every trajectory of a chunk by stepCount steps, state in registers (needs
// lib/philox, lib/random, problems/tile, a tiled problem, optimizers/state, an optimizer,
// lib/ensemble_advance).
// Thread i: tile i % tileCount of local trajectory i / tileCount; tiles of a trajectory are
// independent for separable problems and a single tile for d <= 4 (docs/math.md sections 2, 6).
// Step n (n = firstStep .. firstStep + stepCount - 1, n >= 1) draws its gradient at
// stepIndex = n. A trajectory whose new state is not finite keeps its last finite state on
// that tile, gets diverged[trajectory] = max(step) and is skipped by later dispatches.
// Finiteness is tested once per dispatch: the K steps run unchecked, and a tile whose state is
// not finite at the end replays the dispatch from its stored start state with a test per step,
// which gives the same step of divergence and last finite state as a test at every step.
// Twin: src/ensemble/cpuEnsemble.ts.

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

@compute @workgroup_size(WORKGROUP_SIZE)
fn ensembleStep(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.trajectoryCount * params.tileCount) { return; }
  let trajectory = params.firstTrajectory + i / params.tileCount;
  if (atomicLoad(&diverged[trajectory]) != 0u) { return; }
  let tile = i % params.tileCount;
  let hyper = hypers[trajectory / params.groupSize];
  var state = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
  for (var k = 0u; k < params.stepCount; k++) {
    ensembleAdvanceTileUnchecked(&state, tile, params.key, params.randomOffset + trajectory, hyper, params.firstStep + k);
  }
  if (!ensembleStateFinite(state)) {
    // Diverged within this dispatch (rare): replay it with a test per step.
    state = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
    for (var k = 0u; k < params.stepCount; k++) {
      let n = params.firstStep + k;
      if (!ensembleAdvanceTile(&state, tile, params.key, params.randomOffset + trajectory, hyper, n)) {
        atomicMax(&diverged[trajectory], n);
        break;
      }
    }
  }
  positions[i] = state.x;
  firstMoments[i] = state.m;
  secondMoments[i] = state.v;
  auxiliary[i] = state.aux;
  biasWeights[i] = state.bias;
}
