// The network problem (docs/network.md) for the ODE kernels: F, ∇F and S_B as exact sums over
// the train split, computed cooperatively by the 64 lanes of the workgroup that integrates one
// trajectory (kernels/ode_network_fixed_step.wgsl) with the library problems/network.wgsl
// (networkSampleLoss, networkSampleBackward, networkGradientEntry), into a per-trajectory cache
// in storage. The per-tile names that the ODE modules call (problemMeanGradientTile, ...) then
// read the cache, as problems/quadratic_dense_ode.wgsl does for quadratic-dense.
//   ∇F = 1/n Σ_j ∇ℓ_j,  S = 1/n Σ_j ∇ℓ_j²,  S_B = ∇F² + (S - ∇F²)/B  (MATH.md §6 item 7).
// criticalDistanceSq is ‖∇F‖² (the critical set of a network is unknown).
// At t = 0 the debiased ODE needs ½ d/dt ∇F and ½ d/dt S along x': a central difference at
// x ± δ x' (blocks PLUS/MINUS below), δ = 5e-3 (1 + max|x|)/max|x'| (float32: truncation δ² ~
// 2.5e-5 against rounding u/δ ~ 1e-5, relative); it enters only the first RK stage.
// Needs problems/network.wgsl and a kernel that defines networkWeight(k) (lib/ode_network.wgsl).
// Twin: src/ode/networkOde.ts (the float64 network problem of src/problems/network/).

const NETWORK_ODE_LANES: u32 = 64u;
// Blocks of the cache per trajectory, each 4 * tiles floats (coordinates 0 .. d - 1 used).
const NETWORK_BLOCK_GRADIENT: u32 = 0u;  // ∇F at the point, then S_B in block 1
const NETWORK_BLOCK_PLUS: u32 = 2u;      // ∇F, S_B at x + δ x'
const NETWORK_BLOCK_MINUS: u32 = 4u;     // ∇F, S_B at x - δ x'
const NETWORK_BLOCKS: u32 = 6u;

@group(1) @binding(12) var<storage, read_write> networkOdeCache: array<f32>;

// The trajectory of the workgroup (set by the kernel), F at the last point, and 1/(4δ).
var<private> networkOdeTrajectory: u32;
var<private> networkOdeValue: f32;
var<private> networkOdeHalfScale: f32;

fn networkOdeIndex(cacheBlock: u32, k: u32) -> u32 {
  let stride = 4u * ((problem.dimension + 3u) / 4u);
  return (networkOdeTrajectory * NETWORK_BLOCKS + cacheBlock) * stride + k;
}

// F at the point networkWeight(.), ∇F into `cacheBlock`, S_B into `cacheBlock + 1`. Every lane
// calls it in uniform control flow; lane owns coordinates k ≡ lane (mod 64). Ends with a barrier, so
// that every lane may read every coordinate afterwards.
fn networkOdeMeanField(lane: u32, cacheBlock: u32) {
  let d = problem.dimension;
  for (var k = lane; k < d; k += NETWORK_ODE_LANES) {
    networkOdeCache[networkOdeIndex(cacheBlock, k)] = 0.0;
    networkOdeCache[networkOdeIndex(cacheBlock + 1u, k)] = 0.0;
  }
  var value = 0.0;
  for (var j = 0u; j < problem.sampleCount; j++) {
    value += networkSampleLoss(lane, j);
    networkSampleBackward(lane, j);
    for (var k = lane; k < d; k += NETWORK_ODE_LANES) {
      let g = networkGradientEntry(k);
      networkOdeCache[networkOdeIndex(cacheBlock, k)] += g;
      networkOdeCache[networkOdeIndex(cacheBlock + 1u, k)] += g * g;
    }
    workgroupBarrier();
  }
  let n = f32(problem.sampleCount);
  let batch = f32(max(problem.batch, 1u));
  for (var k = lane; k < d; k += NETWORK_ODE_LANES) {
    let g = networkOdeCache[networkOdeIndex(cacheBlock, k)] / n;
    let s = networkOdeCache[networkOdeIndex(cacheBlock + 1u, k)] / n;
    networkOdeCache[networkOdeIndex(cacheBlock, k)] = g;
    networkOdeCache[networkOdeIndex(cacheBlock + 1u, k)] = g * g + (s - g * g) / batch;
  }
  networkOdeValue = value / n;
  storageBarrier();
}

// Coordinates 4 tile .. 4 tile + 3 of a block (0 past d).
fn networkOdeTile(cacheBlock: u32, tile: u32) -> vec4<f32> {
  var r = vec4<f32>(0.0);
  for (var l = 0u; l < 4u; l++) {
    let k = 4u * tile + l;
    if (k < problem.dimension) { r[l] = networkOdeCache[networkOdeIndex(cacheBlock, k)]; }
  }
  return r;
}

fn problemValueTile(x: vec4<f32>, tile: u32) -> f32 {
  return select(0.0, networkOdeValue, tile == 0u);
}

fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return networkOdeTile(NETWORK_BLOCK_GRADIENT, tile);
}

fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32> {
  return networkOdeTile(NETWORK_BLOCK_GRADIENT + 1u, tile);
}

fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32 {
  let g = networkOdeTile(NETWORK_BLOCK_GRADIENT, tile);
  return dot(g, g);
}

fn odeHalfRatesTile(x: vec4<f32>, xDot: vec4<f32>, tile: u32) -> HalfRates {
  let s = networkOdeHalfScale;
  return HalfRates(
    (networkOdeTile(NETWORK_BLOCK_PLUS, tile) - networkOdeTile(NETWORK_BLOCK_MINUS, tile)) * s,
    (networkOdeTile(NETWORK_BLOCK_PLUS + 1u, tile) - networkOdeTile(NETWORK_BLOCK_MINUS + 1u, tile)) * s);
}
