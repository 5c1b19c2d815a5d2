// Heavy ball with friction: x'' + λ x' + ∇F(x) = 0, z = (x, u = x', unused).
// Twin: src/ode/rhs.ts (heavyBall), src/ode/observe.ts.

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  return OdeTile(z0.x, z0.y, vec4<f32>(0.0));
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  let g = problemMeanGradientTile(z.x, tile);
  return OdeTile(z.y, -odeParams.lambda * z.y - g, vec4<f32>(0.0));
}

// V = F + ½ ‖x'‖² (energy); the record's m is x'.
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  return odeRecordTile(z.x, z.y, vec4<f32>(0.0), 0.5 * dot(z.y, z.y), false, tile);
}
