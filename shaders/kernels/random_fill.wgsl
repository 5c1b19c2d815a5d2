// Fills `output` with draws of one distribution for testing and histograms
// (needs lib/philox.wgsl, lib/random.wgsl). Element i is lane i % 4 of blockIndex i / 4, at
// (trajectory = params.trajectory, step = params.stepIndex, stream = params.stream).

struct RandomFillParams {
  key: vec2<u32>,
  trajectory: u32,
  stepIndex: u32,
  stream: u32,
  firstBlock: u32,   // blockIndex of output element 0 (lets large fills be chunked)
  blockCount: u32,
  p: f32,            // Bernoulli parameter
}

// 0 = raw u32 bits, 1 = uniform (0, 1), 2 = standard normal, 3 = Bernoulli(p)
override DISTRIBUTION: u32 = 0u;
override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> params: RandomFillParams;
@group(0) @binding(1) var<storage, read_write> output: array<vec4<u32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn randomFill(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.blockCount) { return; }
  let blockIndex = params.firstBlock + i;
  switch DISTRIBUTION {
    case 1u: { output[i] = bitcast<vec4<u32>>(uniform4(params.key, params.trajectory, params.stepIndex, blockIndex, params.stream)); }
    case 2u: { output[i] = bitcast<vec4<u32>>(normal4(params.key, params.trajectory, params.stepIndex, blockIndex, params.stream)); }
    case 3u: { output[i] = bitcast<vec4<u32>>(bernoulli4(params.key, params.trajectory, params.stepIndex, blockIndex, params.stream, params.p)); }
    default: { output[i] = randomBits(params.key, params.trajectory, params.stepIndex, blockIndex, params.stream); }
  }
}
