// Shared helpers of every problem module (no dependencies). docs/math.md section 6.
//
// THE PROBLEM CONTRACT (docs/architecture.md, "Problem modules"). Module order:
//   lib/philox.wgsl, lib/random.wgsl, problems/tile.wgsl, problems/<name>.wgsl, ...
// Each problem file declares
//   struct ProblemParams { dimension: u32, ... }      host-written through reflection
//   @group(1) @binding(0) var<uniform> problem: ProblemParams;
// and, per 4-coordinate tile (tile t holds coordinates 4t .. 4t+3; lanes >= dimension are
// masked to 0 in every result):
//   fn problemValueTile(x: vec4<f32>, tile: u32) -> f32                 (sum over tiles = F)
//   fn problemMeanGradientTile(x: vec4<f32>, tile: u32) -> vec4<f32>    (grad F)
//   fn problemSecondMomentTile(x: vec4<f32>, tile: u32) -> vec4<f32>    (S)
//   fn problemGradientSampleTile(x: vec4<f32>, tile: u32, key: vec2<u32>,
//                                trajectory: u32, stepIndex: u32) -> vec4<f32>
//   fn problemCriticalDistanceSqTile(x: vec4<f32>, tile: u32) -> f32    (sum = dist^2)
//   fn problemProjectTile(x: vec4<f32>, tile: u32) -> vec4<f32>         (after each step)
// quadratic_dense.wgsl is the exception (coupled coordinates): see that file.

// 1.0 on lanes whose coordinate 4 * tile + lane is < dimension, else 0.0.
fn tileLaneMask(tile: u32, dimension: u32) -> vec4<f32> {
  let coordinate = vec4<u32>(tile * 4u) + vec4<u32>(0u, 1u, 2u, 3u);
  return select(vec4<f32>(0.0), vec4<f32>(1.0), coordinate < vec4<u32>(dimension));
}

// The standard normals zeta of the 4 coordinates of `tile` (blockIndex = tile, lane = i % 4).
fn tileGradientNormals(tile: u32, key: vec2<u32>, trajectory: u32, stepIndex: u32) -> vec4<f32> {
  return normal4(key, trajectory, stepIndex, tile, STREAM_GRADIENT);
}
