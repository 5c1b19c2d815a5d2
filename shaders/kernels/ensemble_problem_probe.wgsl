// Evaluates every function of a tiled problem module (problems/tile.wgsl contract) at given
// points, for the WGSL <-> float64 contract tests (needs lib/philox, lib/random,
// problems/tile, problems/<name>). Thread i handles tile i % tileCount of point
// i / tileCount; the point index is also the trajectory of the gradient sample.
// output[4i] = (F part, dist^2 part, 0, 0), output[4i+1] = grad F, [4i+2] = S, [4i+3] = sample.

struct ProbeParams {
  key: vec2<u32>,
  stepIndex: u32,
  tileCount: u32,
  invocations: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> probe: ProbeParams;
@group(0) @binding(1) var<storage, read> points: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> output: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn problemProbe(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= probe.invocations) { return; }
  let tile = i % probe.tileCount;
  let point = i / probe.tileCount;
  let x = points[i];
  output[4u * i] = vec4<f32>(problemValueTile(x, tile), problemCriticalDistanceSqTile(x, tile), 0.0, 0.0);
  output[4u * i + 1u] = problemMeanGradientTile(x, tile);
  output[4u * i + 2u] = problemSecondMomentTile(x, tile);
  output[4u * i + 3u] = problemGradientSampleTile(x, tile, probe.key, point, probe.stepIndex);
}
