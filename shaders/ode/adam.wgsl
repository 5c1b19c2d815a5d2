// Debiased ADAM ODE (docs/math.md section 3, regular form): z = (x, m̂, v̂),
//   x' = -m̂/(ε + √v̂),  m̂' = a/(1 - e^{-at}) (∇F - m̂),  v̂' = b/(1 - e^{-bt}) (S - v̂),
// with m̂(0+) = ∇F(x0), v̂(0+) = S(x0) and, at t = 0, the limits m̂' = ½ d/dt ∇F, v̂' = ½ d/dt S.
// Twin: src/ode/rhs.ts (adam), src/ode/observe.ts.

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  return OdeTile(z0.x, problemMeanGradientTile(z0.x, tile), problemSecondMomentTile(z0.x, tile));
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let xDot = -z.y / (odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0))));
  if (t <= 0.0) {
    let half = odeHalfRatesTile(z.x, xDot, tile);
    return OdeTile(xDot, half.gradient, half.moment);
  }
  let g = problemMeanGradientTile(z.x, tile);
  let s = problemSecondMomentTile(z.x, tile);
  return OdeTile(xDot, debiasRate(odeParams.a, t) * (g - z.y), debiasRate(odeParams.b, t) * (s - z.w));
}

// V = F + r_a/(2a) Σ m̂²/(ε + √v̂) (Eq. 3.5); m = r_a m̂, v = r_b v̂.
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  let ra = oneMinusExpNeg(odeParams.a * max(t, 0.0));
  let rb = oneMinusExpNeg(odeParams.b * max(t, 0.0));
  let weight = odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)));
  let kinetic = ra / (2.0 * odeParams.a) * dot(z.y * z.y, 1.0 / weight);
  return odeRecordTile(z.x, ra * z.y, rb * z.w, kinetic, true, tile);
}
