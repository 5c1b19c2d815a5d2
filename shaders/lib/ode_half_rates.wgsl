// The t = 0 limits of the debiased ODEs for problems of the per-tile contract
// (problems/tile.wgsl). Coupled problems provide their own odeHalfRatesTile
// (problems/quadratic_dense_ode.wgsl). Needs lib/ode_state.wgsl (HalfRates).

// ½ d/dt grad F(x(t)) and ½ d/dt S(x(t)) at t = 0 along xDot: the limits of m̂' and v̂' at
// t = 0+ (docs/math.md section 3). Central difference with a relative step ~ eps_f32^(1/3).
fn odeHalfRatesTile(x: vec4<f32>, xDot: vec4<f32>, tile: u32) -> HalfRates {
  let dirMax = max(max(abs(xDot.x), abs(xDot.y)), max(abs(xDot.z), abs(xDot.w)));
  if (dirMax == 0.0) { return HalfRates(vec4<f32>(0.0), vec4<f32>(0.0)); }
  let xMax = max(max(abs(x.x), abs(x.y)), max(abs(x.z), abs(x.w)));
  let delta = 4.0e-3 * (1.0 + xMax) / dirMax;
  let plus = x + delta * xDot;
  let minus = x - delta * xDot;
  let scale = 1.0 / (4.0 * delta);
  return HalfRates(
    (problemMeanGradientTile(plus, tile) - problemMeanGradientTile(minus, tile)) * scale,
    (problemSecondMomentTile(plus, tile) - problemSecondMomentTile(minus, tile)) * scale,
  );
}

