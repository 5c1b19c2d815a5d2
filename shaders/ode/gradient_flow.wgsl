// Gradient flow x' = -∇F(x); z = (x, unused, unused). Twin: src/ode/rhs.ts (gradientFlow).

fn odeInitialTile(z0: OdeTile, tile: u32) -> OdeTile {
  return OdeTile(z0.x, vec4<f32>(0.0), vec4<f32>(0.0));
}

fn odeDerivativeTile(t: f32, z: OdeTile, tile: u32) -> OdeTile {
  return OdeTile(-problemMeanGradientTile(z.x, tile), vec4<f32>(0.0), vec4<f32>(0.0));
}

// V = F; the record's m is x' = -∇F.
fn odeObserveTile(t: f32, z: OdeTile, tile: u32) -> OdeRecord {
  return odeRecordTile(z.x, -problemMeanGradientTile(z.x, tile), vec4<f32>(0.0), 0.0, false, tile);
}
