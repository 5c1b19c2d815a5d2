// A trivial kernel for measuring the fixed cost of one dispatch (src/bench/dispatchCost.ts;
// not used by the engine): each thread adds 1 to one float, so a dispatch does almost no work.

struct TrivialParams {
  count: u32,
}

override WORKGROUP_SIZE: u32 = 64u;

@group(0) @binding(0) var<uniform> trivialParams: TrivialParams;
@group(0) @binding(1) var<storage, read_write> trivialData: array<f32>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn trivialDispatch(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x < trivialParams.count) { trivialData[id.x] += 1.0; }
}
