// Distributions on top of a counter-based generator: needs one generator module before it,
// lib/philox.wgsl (Philox4x32-10) or lib/threefry.wgsl (Threefry4x32-20); both define
// `counterHash(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32>`.
//
// A draw is addressed by (key = seed, trajectory, stepIndex, draw index, stream): the counter is
// (draw index / 4, stepIndex, trajectory, stream) and one generator call yields four draws.
// src/random/distributions.ts is the float64 twin.

// Streams: independent purposes never share counters.
const STREAM_GRADIENT: u32 = 0u;     // stochastic gradient noise, one blockIndex per 4 coordinates
const STREAM_INITIAL: u32 = 1u;      // random initial points
const STREAM_TEST: u32 = 7u;         // test and demo streams

// Uniform in the open interval (0, 1): the top 23 bits plus one half, times 2^-23. Never 0,
// never 1, so log(u) is finite; k + 0.5 < 2^23 needs 24 significant bits, so the value is
// exact in f32 and in f64 alike (with 24 bits, k + 0.5 would round in f32).
fn uniformFromBits(bits: vec4<u32>) -> vec4<f32> {
  let top23 = bits / vec4<u32>(512u);
  let halfUp = vec4<f32>(top23) + vec4<f32>(0.5);
  return halfUp * (1.0 / 8388608.0);
}

fn randomBits(key: vec2<u32>, trajectory: u32, stepIndex: u32, blockIndex: u32, stream: u32) -> vec4<u32> {
  return counterHash(vec4<u32>(blockIndex, stepIndex, trajectory, stream), key);
}

// Four uniforms in (0, 1).
fn uniform4(key: vec2<u32>, trajectory: u32, stepIndex: u32, blockIndex: u32, stream: u32) -> vec4<f32> {
  return uniformFromBits(randomBits(key, trajectory, stepIndex, blockIndex, stream));
}

// Four standard normals by Box-Muller, using both outputs of each pair:
// (u0, u1) -> (r cos t, r sin t), (u2, u3) likewise, with r = sqrt(-2 ln u), t = 2 pi u'.
fn normal4(key: vec2<u32>, trajectory: u32, stepIndex: u32, blockIndex: u32, stream: u32) -> vec4<f32> {
  let u = uniform4(key, trajectory, stepIndex, blockIndex, stream);
  let r01 = sqrt(-2.0 * log(u.x));
  let r23 = sqrt(-2.0 * log(u.z));
  let t01 = 6.283185307179586 * u.y;
  let t23 = 6.283185307179586 * u.w;
  return vec4<f32>(r01 * cos(t01), r01 * sin(t01), r23 * cos(t23), r23 * sin(t23));
}

// Four Bernoulli(p) draws as 0.0 / 1.0: u < p.
fn bernoulli4(key: vec2<u32>, trajectory: u32, stepIndex: u32, blockIndex: u32, stream: u32, p: f32) -> vec4<f32> {
  return select(vec4<f32>(0.0), vec4<f32>(1.0), uniform4(key, trajectory, stepIndex, blockIndex, stream) < vec4<f32>(p));
}
