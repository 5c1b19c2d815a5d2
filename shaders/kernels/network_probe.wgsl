// Test probe of the network library's draws (test/gpu/networkMeanField.test.ts): the initial
// weights networkInitialWeight(k, key, trajectory) for k < d and the mini-batch indices
// networkBatchIndex(key, trajectory, stepIndex, b) for b < B, one thread per entry.
// Modules: lib/philox.wgsl (or threefry) + lib/random.wgsl + problems/network.wgsl + this file.

struct NetworkProbeParams {
  key: vec2<u32>,
  trajectory: u32,
  stepIndex: u32,
}

@group(0) @binding(0) var<uniform> probeParams: NetworkProbeParams;
@group(0) @binding(1) var<storage, read_write> probeWeights: array<f32>;   // d
@group(0) @binding(2) var<storage, read_write> probeIndices: array<u32>;   // B

// The library needs a point; the probe has none.
fn networkWeight(k: u32) -> f32 {
  return 0.0;
}

@compute @workgroup_size(64)
fn networkProbe(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i < problem.dimension) {
    probeWeights[i] = networkInitialWeight(i, probeParams.key, probeParams.trajectory);
  }
  if (i < problem.batch) {
    probeIndices[i] = networkBatchIndex(probeParams.key, probeParams.trajectory, probeParams.stepIndex, i);
  }
}
