// The record of the ODE kernels at one output time (summed over tiles; x, m, v: tile 0 only,
// d <= 4). Written by kernels/ode_*.wgsl, read by src/ode/gpuBackend.ts and converted to
// reducer input by kernels/ode_record_fields.wgsl. Norms are kept squared until the end.

struct OdeRecord {
  F: f32,
  V: f32,
  mNormSq: f32,
  vGapSq: f32,
  distSq: f32,
  x: vec4<f32>,
  m: vec4<f32>,
  v: vec4<f32>,
}

