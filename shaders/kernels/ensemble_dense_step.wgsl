// Advances a block of DENSE_BLOCK_TRAJECTORIES (32) trajectories by stepCount steps on
// quadratic-dense, as a tiled batched matrix product (needs lib/philox, lib/random,
// problems/tile, problems/quadratic_dense, optimizers/state and an optimizer). One workgroup of
// 64 threads per block; thread (ti, ci) = (lane / 16, lane % 16) owns trajectories 8 ti .. 8 ti + 7
// of the block and, in every column block of 16 tiles (64 coordinates), tile 16 cb + ci.
// Per step n (stepIndex = n):
//   1. Z = the block's zeta (32 x d, philox as before) -> denseNoise (storage scratch), w -> shared;
//   2. A = Z L^T by 32 x 64 output blocks: k-tiles of 32 columns of Z and of 64 rows of L are
//      staged in workgroup memory, each thread keeps an 8 x 4 register block; L is lower
//      triangular, so k-tiles right of the block's last row are skipped (half the product);
//      A -> denseProducts (storage scratch; each thread rereads only what it wrote), and
//      s = <a, e> is accumulated per thread and summed over the 16 threads of a trajectory;
//   3. g = a (s - w); optimizerUpdate on the own tiles, first only to check finiteness, then
//      (every tile of the trajectory finite) to write the new state.
// If any tile's new state is not finite, the whole trajectory keeps its previous state and gets
// diverged[trajectory] = n (and is skipped by later steps). The product sums over j in k-tiles
// of 32 (4-term dot products), in increasing j, like the twin's serial sum: the float32 error
// is bounded by d u sum_j |L_ij zeta_j| as before. Twin: src/ensemble/cpuTrajectory.ts.

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

const DENSE_BLOCK_TRAJECTORIES: u32 = 32u;   // trajectories per workgroup (4 thread rows x 8)
const DENSE_ROWS_PER_THREAD: u32 = 8u;
const DENSE_COLUMN_TILES: u32 = 16u;         // tiles (of 4 coordinates) per output column block
const DENSE_K_TILES: u32 = 8u;               // tiles (of 4 columns) per k-tile

@group(0) @binding(0) var<uniform> params: EnsembleStepParams;
@group(0) @binding(1) var<storage, read> hypers: array<OptimizerHyper>;
@group(0) @binding(2) var<storage, read_write> positions: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> firstMoments: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> secondMoments: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> auxiliary: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read_write> biasWeights: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> diverged: array<atomic<u32>>;
@group(0) @binding(8) var<storage, read_write> denseNoise: array<vec4<f32>>;     // chunk x tiles
@group(0) @binding(9) var<storage, read_write> denseProducts: array<vec4<f32>>;  // chunk x tiles

var<workgroup> noiseTile: array<vec4<f32>, 256>;     // [trajectory 32][k 8 tiles]
var<workgroup> choleskyTile: array<vec4<f32>, 512>;  // [row 64][k 8 tiles]
var<workgroup> partialDots: array<f32, 512>;         // [trajectory 32][ci 16]
var<workgroup> residuals: array<f32, 32>;            // s - w per trajectory
var<workgroup> labelNoise: array<f32, 32>;
var<workgroup> trajectoryActive: array<u32, 32>;     // 1: in range and not diverged
var<workgroup> failed: array<atomic<u32>, 32>;

// The 4 columns (rows l0..l3 of L) of one row z of Z, over 4 values of j.
fn denseProductRow(z: vec4<f32>, l0: vec4<f32>, l1: vec4<f32>, l2: vec4<f32>, l3: vec4<f32>) -> vec4<f32> {
  return vec4<f32>(dot(z, l0), dot(z, l1), dot(z, l2), dot(z, l3));
}

fn denseAllFinite(v: vec4<f32>) -> bool {
  let exponent = bitcast<vec4<u32>>(v) & vec4<u32>(0x7f800000u);
  return all(exponent != vec4<u32>(0x7f800000u));
}

@compute @workgroup_size(64)
fn ensembleDenseStep(@builtin(local_invocation_index) lane: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let blockFirst = (wid.x + wid.y * groups.x) * DENSE_BLOCK_TRAJECTORIES;
  if (blockFirst >= params.trajectoryCount) { return; }
  let tiles = params.tileCount;
  let d = problem.dimension;
  let ti = lane / 16u;
  let ci = lane % 16u;
  let columnBlocks = (tiles + DENSE_COLUMN_TILES - 1u) / DENSE_COLUMN_TILES;
  let kTiles = (tiles + DENSE_K_TILES - 1u) / DENSE_K_TILES;
  let blockCount = min(DENSE_BLOCK_TRAJECTORIES, params.trajectoryCount - blockFirst);

  for (var k = 0u; k < params.stepCount; k++) {
    let n = params.firstStep + k;
    // 1. Flags, label noise and the block's zeta.
    if (lane < DENSE_BLOCK_TRAJECTORIES) {
      var isActive = 0u;
      var w = 0.0;
      if (lane < blockCount) {
        let trajectory = params.firstTrajectory + blockFirst + lane;
        isActive = select(0u, 1u, atomicLoad(&diverged[trajectory]) == 0u);
        w = denseLabelNoise(params.key, params.randomOffset + trajectory, n);
      }
      trajectoryActive[lane] = isActive;
      labelNoise[lane] = w;
      atomicStore(&failed[lane], 0u);
    }
    for (var q = lane; q < blockCount * tiles; q += 64u) {
      let t = q / tiles;
      let tile = q % tiles;
      let trajectory = params.firstTrajectory + blockFirst + t;
      denseNoise[(blockFirst + t) * tiles + tile] =
        denseNormalsTile(tile, params.key, params.randomOffset + trajectory, n);
    }
    storageBarrier();
    workgroupBarrier();

    // 2. A = Z L^T and the partial dots <a, e>.
    var dots = array<f32, 8>(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (var cb = 0u; cb < columnBlocks; cb++) {
      // Eight named accumulators (not an array: SwiftShader keeps them in registers).
      var acc0 = vec4<f32>(0.0);
      var acc1 = vec4<f32>(0.0);
      var acc2 = vec4<f32>(0.0);
      var acc3 = vec4<f32>(0.0);
      var acc4 = vec4<f32>(0.0);
      var acc5 = vec4<f32>(0.0);
      var acc6 = vec4<f32>(0.0);
      var acc7 = vec4<f32>(0.0);
      // Rows of this block end at 4 (16 cb + 16) - 1; L[r, j] = 0 for j > r.
      let kEnd = min(kTiles, (cb + 1u) * DENSE_COLUMN_TILES * 4u / (DENSE_K_TILES * 4u));
      for (var kt = 0u; kt < kEnd; kt++) {
        for (var h = 0u; h < 4u; h++) {
          let q = lane + h * 64u;
          let t = q / DENSE_K_TILES;
          let tile = kt * DENSE_K_TILES + q % DENSE_K_TILES;
          var z = vec4<f32>(0.0);
          if (t < blockCount && tile < tiles) { z = denseNoise[(blockFirst + t) * tiles + tile]; }
          noiseTile[q] = z;
        }
        for (var h = 0u; h < 8u; h++) {
          let q = lane + h * 64u;
          let row = cb * DENSE_COLUMN_TILES * 4u + q / DENSE_K_TILES;
          let column = (kt * DENSE_K_TILES + q % DENSE_K_TILES) * 4u;
          var l = vec4<f32>(0.0);
          if (row < d) {
            let base = row * d + column;
            for (var m = 0u; m < 4u; m++) {
              if (column + m < d) { l[m] = denseCholesky[base + m]; }
            }
          }
          choleskyTile[q] = l;
        }
        workgroupBarrier();
        for (var kk = 0u; kk < DENSE_K_TILES; kk++) {
          let l0 = choleskyTile[(4u * ci + 0u) * DENSE_K_TILES + kk];
          let l1 = choleskyTile[(4u * ci + 1u) * DENSE_K_TILES + kk];
          let l2 = choleskyTile[(4u * ci + 2u) * DENSE_K_TILES + kk];
          let l3 = choleskyTile[(4u * ci + 3u) * DENSE_K_TILES + kk];
          let zRow = DENSE_ROWS_PER_THREAD * ti * DENSE_K_TILES + kk;
          acc0 += denseProductRow(noiseTile[zRow], l0, l1, l2, l3);
          acc1 += denseProductRow(noiseTile[zRow + 1u * DENSE_K_TILES], l0, l1, l2, l3);
          acc2 += denseProductRow(noiseTile[zRow + 2u * DENSE_K_TILES], l0, l1, l2, l3);
          acc3 += denseProductRow(noiseTile[zRow + 3u * DENSE_K_TILES], l0, l1, l2, l3);
          acc4 += denseProductRow(noiseTile[zRow + 4u * DENSE_K_TILES], l0, l1, l2, l3);
          acc5 += denseProductRow(noiseTile[zRow + 5u * DENSE_K_TILES], l0, l1, l2, l3);
          acc6 += denseProductRow(noiseTile[zRow + 6u * DENSE_K_TILES], l0, l1, l2, l3);
          acc7 += denseProductRow(noiseTile[zRow + 7u * DENSE_K_TILES], l0, l1, l2, l3);
        }
        workgroupBarrier();
      }
      let tile = cb * DENSE_COLUMN_TILES + ci;
      if (tile < tiles) {
        let acc = array<vec4<f32>, 8>(acc0, acc1, acc2, acc3, acc4, acc5, acc6, acc7);
        for (var a = 0u; a < DENSE_ROWS_PER_THREAD; a++) {
          let t = DENSE_ROWS_PER_THREAD * ti + a;
          if (t < blockCount) {
            let i = (blockFirst + t) * tiles + tile;
            denseProducts[i] = acc[a];
            dots[a] += dot(acc[a], denseErrorTile(positions[i], tile));
          }
        }
      }
    }
    for (var a = 0u; a < DENSE_ROWS_PER_THREAD; a++) {
      partialDots[(DENSE_ROWS_PER_THREAD * ti + a) * 16u + ci] = dots[a];
    }
    workgroupBarrier();
    if (lane < DENSE_BLOCK_TRAJECTORIES) {
      var s = 0.0;
      for (var c = 0u; c < 16u; c++) { s += partialDots[lane * 16u + c]; }
      residuals[lane] = s - labelNoise[lane];
    }
    workgroupBarrier();

    // 3. The optimizer update: check every own tile, then write if the trajectory stays finite.
    for (var phase = 0u; phase < 2u; phase++) {
      for (var a = 0u; a < DENSE_ROWS_PER_THREAD; a++) {
        let t = DENSE_ROWS_PER_THREAD * ti + a;
        if (t >= blockCount || trajectoryActive[t] == 0u) { continue; }
        if (phase == 1u && atomicLoad(&failed[t]) != 0u) { continue; }
        let trajectory = params.firstTrajectory + blockFirst + t;
        let hyper = hypers[trajectory / params.groupSize];
        for (var tile = ci; tile < tiles; tile += DENSE_COLUMN_TILES) {
          let i = (blockFirst + t) * tiles + tile;
          var next = OptimizerState(positions[i], firstMoments[i], secondMoments[i], auxiliary[i], biasWeights[i]);
          optimizerUpdate(&next, denseProducts[i] * residuals[t], hyper, n);
          if (phase == 0u) {
            if (!(denseAllFinite(next.x) && denseAllFinite(next.m) && denseAllFinite(next.v))) {
              atomicStore(&failed[t], 1u);
            }
          } else {
            positions[i] = next.x;
            firstMoments[i] = next.m;
            secondMoments[i] = next.v;
            auxiliary[i] = next.aux;
            biasWeights[i] = next.bias;
          }
        }
      }
      workgroupBarrier();
    }
    if (lane < blockCount && trajectoryActive[lane] != 0u && atomicLoad(&failed[lane]) != 0u) {
      atomicMax(&diverged[params.firstTrajectory + blockFirst + lane], n);
    }
    storageBarrier();
    workgroupBarrier();
  }
}
