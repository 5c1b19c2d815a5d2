// Initial points of an ensemble (needs lib/philox, lib/random, problems/tile, a problem).
// Thread i: tile i % tileCount of local trajectory i / tileCount of this chunk.
//   x_0 = project(x0 + spread * zeta), zeta = normal4 at (trajectory, stepIndex 0, blockIndex
//   tile, STREAM_INITIAL), masked to the problem's dimension. m, v, aux, bias weights and
// the divergence flags are cleared by the host (clearBuffer). Twin: src/ensemble/cpuEnsemble.ts.

struct EnsembleInitParams {
  key: vec2<u32>,
  firstTrajectory: u32,   // global index of this chunk's first trajectory
  trajectoryCount: u32,   // trajectories in this chunk
  tileCount: u32,
  spread: f32,            // standard deviation of the cloud around x0 (0: all at x0)
  randomOffset: u32,      // added to the trajectory index of every draw (a shard's first global trajectory)
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> initParams: EnsembleInitParams;
@group(0) @binding(1) var<storage, read> initialPoint: array<vec4<f32>>;   // x0, tileCount tiles
@group(0) @binding(2) var<storage, read_write> positions: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn ensembleInit(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= initParams.trajectoryCount * initParams.tileCount) { return; }
  let tile = i % initParams.tileCount;
  let trajectory = initParams.firstTrajectory + i / initParams.tileCount;
  var x = initialPoint[tile];
  if (initParams.spread > 0.0) {
    x += initParams.spread * normal4(initParams.key, initParams.randomOffset + trajectory, 0u, tile, STREAM_INITIAL);
  }
  positions[i] = problemProjectTile(x * tileLaneMask(tile, problem.dimension), tile);
}
