// Test probe: output[i] = expMinusOne(input[i]) (needs lib/math.wgsl). Used by test/gpu/odeGpu.test.ts.

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<storage, read> input: array<f32>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn odeMathProbe(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= arrayLength(&input)) { return; }
  output[id.x] = expMinusOne(input[id.x]);
}
