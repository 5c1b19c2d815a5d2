// ADAM's heavy ball (docs/math.md section 3): c1 x'' + c2 x' + ∇F = 0, c1 = (r_a/a) D,
// c2 = D + (r_a/a) D', D = ε + √v̂; z = (x, u = x', v̂). Written out:
//   u' = -(a/r_a)(u + ∇F/D) - (D'/D) u,  D' = v̂'/(2√v̂),  v̂' = b/r_b (S - v̂),
// u(0) = -∇F(x0)/D(0), v̂(0) = S(x0); at t = 0 the limit u' = -(½ d/dt ∇F + D' u)/D.
// Twin: src/ode/rhs.ts (heavyBallAdam), src/ode/observe.ts.

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  let s = problemSecondMomentTile(z0.x, tile);
  let u = -problemMeanGradientTile(z0.x, tile) / (odeParams.epsilon + sqrt(s));
  return OdeTile(z0.x, u, s);
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let root = max(sqrt(max(z.w, vec4<f32>(0.0))), vec4<f32>(1.0e-30));
  let weight = odeParams.epsilon + root;
  if (t <= 0.0) {
    let half = odeHalfRatesTile(z.x, z.y, tile);
    let dDot0 = half.moment / (2.0 * root);
    return OdeTile(z.y, -(half.gradient + dDot0 * z.y) / weight, half.moment);
  }
  let g = problemMeanGradientTile(z.x, tile);
  let vDot = debiasRate(odeParams.b, t) * (problemSecondMomentTile(z.x, tile) - z.w);
  let dDot = vDot / (2.0 * root);
  let uDot = -debiasRate(odeParams.a, t) * (z.y + g / weight) - dDot / weight * z.y;
  return OdeTile(z.y, uDot, vDot);
}

// Same V as debiased ADAM with m̂ = -D u: V = F + r_a/(2a) Σ D u²; m = -r_a D u, v = r_b v̂.
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  let ra = oneMinusExpNeg(odeParams.a * max(t, 0.0));
  let rb = oneMinusExpNeg(odeParams.b * max(t, 0.0));
  let weight = odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)));
  let kinetic = ra / (2.0 * odeParams.a) * dot(weight * z.y, z.y);
  return odeRecordTile(z.x, -ra * weight * z.y, rb * z.w, kinetic, true, tile);
}
