// ADAM without debiasing (Eq. 7.1): z = (x, m, v), z(0) = (x0, 0, 0),
//   x' = -m/(ε + √v),  m' = a (∇F - m),  v' = b (S - v).
// Twin: src/ode/rhs.ts (adamAutonomous), src/ode/observe.ts.

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  return OdeTile(z0.x, vec4<f32>(0.0), vec4<f32>(0.0));
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let g = problemMeanGradientTile(z.x, tile);
  let s = problemSecondMomentTile(z.x, tile);
  return OdeTile(-z.y / (odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)))),
    odeParams.a * (g - z.y), odeParams.b * (s - z.w));
}

// V = F + 1/(2a) Σ m²/(ε + √v).
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  let weight = odeParams.epsilon + sqrt(max(z.w, vec4<f32>(0.0)));
  let kinetic = dot(z.y * z.y, 1.0 / weight) / (2.0 * odeParams.a);
  return odeRecordTile(z.x, z.y, z.w, kinetic, true, tile);
}
