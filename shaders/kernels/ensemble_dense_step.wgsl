// Advances every trajectory of a chunk by stepCount steps on quadratic-dense: one workgroup
// per trajectory (needs lib/philox, lib/random, problems/tile, problems/quadratic_dense,
// optimizers/state and an optimizer). Thread l owns tiles l, l + 64, ... (at most 8: d <= 2048),
// its states in registers. Per step n (stepIndex = n):
//   zeta -> denseShared;  a = L zeta (rows of the own tiles);  s = <a, e> by a tree reduction;
//   g = a (s - w);  optimizerUpdate on each own tile.
// If any tile's new state is not finite, the whole trajectory keeps its previous state and
// gets diverged[trajectory] = n. Twin: src/ensemble/cpuTrajectory.ts.

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

const DENSE_WORKGROUP: u32 = 64u;
const DENSE_TILES_PER_THREAD: u32 = 8u;   // DENSE_WORKGROUP * 8 = DENSE_MAX_TILES

@group(0) @binding(0) var<uniform> params: EnsembleStepParams;
@group(0) @binding(1) var<storage, read> hypers: array<OptimizerHyper>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> firstMoments: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> secondMoments: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> auxiliary: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> biasWeights: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> diverged: array<atomic<u32>>;

var<workgroup> densePartial: array<f32, 64>;
var<workgroup> denseFailure: atomic<u32>;
var<workgroup> denseDecision: u32;

fn denseAllFinite(v: vec4<f32>) -> bool {
  let exponent = bitcast<vec4<u32>>(v) & vec4<u32>(0x7f800000u);
  return all(exponent != vec4<u32>(0x7f800000u));
}

// Sum of `value` over the workgroup (every thread gets it).
fn denseWorkgroupSum(value: f32, lane: u32) -> f32 {
  densePartial[lane] = value;
  workgroupBarrier();
  for (var width = DENSE_WORKGROUP / 2u; width > 0u; width = width / 2u) {
    if (lane < width) { densePartial[lane] += densePartial[lane + width]; }
    workgroupBarrier();
  }
  return densePartial[0];
}

@compute @workgroup_size(64)
fn ensembleDenseStep(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let localTrajectory = wid.x + wid.y * groups.x;
  if (localTrajectory >= params.trajectoryCount) { return; }
  let trajectory = params.firstTrajectory + localTrajectory;
  if (lane == 0u) { denseDecision = atomicLoad(&diverged[trajectory]); }
  if (workgroupUniformLoad(&denseDecision) != 0u) { return; }
  let hyper = hypers[trajectory / params.groupSize];
  let tiles = params.tileCount;
  var states: array<OptimizerState, 8>;
  for (var j = 0u; j < DENSE_TILES_PER_THREAD; j++) {
    let t = lane + j * DENSE_WORKGROUP;
    if (t < tiles) {
      let i = localTrajectory * tiles + t;
      states[j] = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
    }
  }
  for (var k = 0u; k < params.stepCount; k++) {
    let n = params.firstStep + k;
    if (lane == 0u) { atomicStore(&denseFailure, 0u); }
    for (var j = 0u; j < DENSE_TILES_PER_THREAD; j++) {
      let t = lane + j * DENSE_WORKGROUP;
      if (t < tiles) { denseShared[t] = denseNormalsTile(t, params.key, params.randomOffset + trajectory, n); }
    }
    workgroupBarrier();
    var rows: array<vec4<f32>, 8>;
    var partial = 0.0;
    for (var j = 0u; j < DENSE_TILES_PER_THREAD; j++) {
      let t = lane + j * DENSE_WORKGROUP;
      if (t < tiles) {
        rows[j] = denseMatVecTile(t, false);
        partial += dot(rows[j], denseErrorTile(states[j].x, t));
      }
    }
    let residual = denseWorkgroupSum(partial, lane) - denseLabelNoise(params.key, params.randomOffset + trajectory, n);
    var nexts = states;
    for (var j = 0u; j < DENSE_TILES_PER_THREAD; j++) {
      let t = lane + j * DENSE_WORKGROUP;
      if (t < tiles) {
        optimizerUpdate(&nexts[j], rows[j] * residual, hyper, n);
        if (!(denseAllFinite(nexts[j].x) && denseAllFinite(nexts[j].m) && denseAllFinite(nexts[j].v))) {
          atomicStore(&denseFailure, 1u);
        }
      }
    }
    workgroupBarrier();
    if (lane == 0u) { denseDecision = atomicLoad(&denseFailure); }
    if (workgroupUniformLoad(&denseDecision) != 0u) {
      if (lane == 0u) { atomicMax(&diverged[trajectory], n); }
      break;
    }
    states = nexts;
  }
  for (var j = 0u; j < DENSE_TILES_PER_THREAD; j++) {
    let t = lane + j * DENSE_WORKGROUP;
    if (t < tiles) {
      let i = localTrajectory * tiles + t;
      positions[i] = states[j].x;
      firstMoments[i] = states[j].m;
      secondMoments[i] = states[j].v;
      auxiliary[i] = states[j].aux;
      biasWeights[i] = states[j].bias;
    }
  }
}
