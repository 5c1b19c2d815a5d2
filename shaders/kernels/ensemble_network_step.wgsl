// Advances trajectories of a network problem (mlp, logistic) by stepCount steps: one workgroup
// of 64 lanes per trajectory (needs lib/philox or lib/threefry, lib/random, problems/network,
// optimizers/state and an optimizer). The weights are the trajectory's x (vec4 tiles of
// `positions`); networkWeight(k) below feeds them to the network library. Per step n:
//   1. the trajectory's divergence flag (a diverged trajectory is skipped, uniformly);
//   2. for b = 0 .. B - 1: the sample j_b = networkBatchIndex(key, trajectory, n, b) (the
//      twin's draw, see problems/network.wgsl), forward and backward pass of the library, and
//      networkGradient[own tile] += the tile of grad l_{j_b} (lanes own tiles t = lane mod 64);
//   3. g = networkGradient[tile] / B; optimizerUpdate on every own tile, first only to check
//      finiteness (x, m, v), then, if every tile of the trajectory stayed finite, to write the
//      new state. Otherwise the trajectory keeps its previous state and diverged[trajectory] = n.
// The sums over the batch run in increasing b, like the twin's. Twin: gradientSample of
// src/problems/network/network.ts through src/ensemble/cpuTrajectory.ts.

struct EnsembleStepParams {
  key: vec2<u32>,
  firstTrajectory: u32,
  trajectoryCount: u32,
  tileCount: u32,
  groupSize: u32,
  firstStep: u32,
  stepCount: u32,
  randomOffset: u32,   // added to the trajectory index of every draw (a shard's first global trajectory)
}

const NETWORK_STEP_WORKGROUP: u32 = 64u;

@group(0) @binding(0) var<uniform> params: EnsembleStepParams;
@group(0) @binding(1) var<storage, read> hypers: array<OptimizerHyper>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> firstMoments: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> secondMoments: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> auxiliary: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> biasWeights: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> diverged: array<atomic<u32>>;
@group(0) @binding(8) var<storage, read_write> networkGradient: array<vec4<f32>>;  // chunk x tiles

var<workgroup> networkPoint: u32;          // local trajectory (in the chunk) whose weights are read
var<workgroup> networkLive: u32;           // 1: not diverged
var<workgroup> networkFailedAny: atomic<u32>;
var<workgroup> networkFailed: u32;

// Coordinate k of the current point (the network library's input).
fn networkWeight(k: u32) -> f32 {
  let v = positions[networkPoint * params.tileCount + k / 4u];
  return v[k % 4u];
}

fn networkAllFinite(v: vec4<f32>) -> bool {
  let exponent = bitcast<vec4<u32>>(v) & vec4<u32>(0x7f800000u);
  return all(exponent != vec4<u32>(0x7f800000u));
}

// The tile of grad l of the last backward pass (lanes beyond d: 0).
fn networkGradientTile(tile: u32) -> vec4<f32> {
  var g = vec4<f32>(0.0);
  for (var c = 0u; c < 4u; c++) {
    let k = 4u * tile + c;
    if (k < problem.dimension) { g[c] = networkGradientEntry(k); }
  }
  return g;
}

@compute @workgroup_size(64)
fn ensembleNetworkStep(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let local = wid.x + wid.y * groups.x;
  if (local >= params.trajectoryCount) { return; }
  let tiles = params.tileCount;
  let trajectory = params.firstTrajectory + local;
  let base = local * tiles;
  let hyper = hypers[trajectory / params.groupSize];
  let batch = problem.batch;
  let scale = 1.0 / f32(batch);
  if (lane == 0u) { networkPoint = local; }

  for (var k = 0u; k < params.stepCount; k++) {
    let n = params.firstStep + k;
    if (lane == 0u) {
      networkLive = select(0u, 1u, atomicLoad(&diverged[trajectory]) == 0u);
      atomicStore(&networkFailedAny, 0u);
    }
    let live = workgroupUniformLoad(&networkLive);
    if (live == 0u) { break; }

    // 2. The batch's gradient sum, tile by tile in the lanes' own slots.
    for (var tile = lane; tile < tiles; tile += NETWORK_STEP_WORKGROUP) {
      networkGradient[base + tile] = vec4<f32>(0.0);
    }
    for (var b = 0u; b < batch; b++) {
      let sample = networkBatchIndex(params.key, params.randomOffset + trajectory, n, b);
      _ = networkSampleLoss(lane, sample);
      networkSampleBackward(lane, sample);
      for (var tile = lane; tile < tiles; tile += NETWORK_STEP_WORKGROUP) {
        networkGradient[base + tile] += networkGradientTile(tile);
      }
      // (networkSampleLoss begins with a barrier: the next forward pass waits for these reads.)
    }

    // 3. Check every own tile, then write if the whole trajectory stays finite.
    for (var tile = lane; tile < tiles; tile += NETWORK_STEP_WORKGROUP) {
      let i = base + tile;
      var next = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
      optimizerUpdate(&next, networkGradient[i] * scale, hyper, n);
      if (!(networkAllFinite(next.x) && networkAllFinite(next.m) && networkAllFinite(next.v))) {
        atomicStore(&networkFailedAny, 1u);
      }
    }
    workgroupBarrier();
    if (lane == 0u) { networkFailed = atomicLoad(&networkFailedAny); }
    let failed = workgroupUniformLoad(&networkFailed);
    if (failed != 0u) {
      if (lane == 0u) { atomicMax(&diverged[trajectory], n); }
      break;
    }
    for (var tile = lane; tile < tiles; tile += NETWORK_STEP_WORKGROUP) {
      let i = base + tile;
      var next = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
      optimizerUpdate(&next, networkGradient[i] * scale, hyper, n);
      positions[i] = next.x;
      firstMoments[i] = next.m;
      secondMoments[i] = next.v;
      auxiliary[i] = next.aux;
      biasWeights[i] = next.bias;
    }
    // The next step's forward pass reads the new weights of every lane.
    storageBarrier();
    workgroupBarrier();
  }
}
