// Frozen-v preconditioned heavy ball (docs/math.md section 3): x'' + a x' + a D⁻¹ ∇F(x) = 0,
// D = ε + √v with v constant; z = (x, u = x', v). The host passes v in z0.w, or -1 for S(x0).
// Twin: src/ode/rhs.ts (heavyBallFrozen), src/ode/observe.ts.

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  let v = select(z0.w, problemSecondMomentTile(z0.x, tile), z0.w < vec4<f32>(0.0));
  return OdeTile(z0.x, z0.y, v);
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let g = problemMeanGradientTile(z.x, tile);
  let weight = odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)));
  return OdeTile(z.y, -odeParams.a * z.y - odeParams.a * g / weight, vec4<f32>(0.0));
}

// V = F + 1/(2a) Σ D x'²; the record's m is x', v the frozen v.
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  let weight = odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)));
  return odeRecordTile(z.x, z.y, z.w, dot(weight * z.y, z.y) / (2.0 * odeParams.a), true, tile);
}
