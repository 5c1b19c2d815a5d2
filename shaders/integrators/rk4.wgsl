// Classical Runge-Kutta (order 4). Needs an ODE module and lib/ode_state.wgsl (odeFieldTile).
// Twin: src/ode/integrators/fixedStep.ts (rk4Step).

fn integratorStepTile(t: f32, h: f32, z: OdeTile, tile: u32) -> OdeTile {
  let k1 = odeFieldTile(t, z, tile);
  let k2 = odeFieldTile(t + 0.5 * h, tileAxpy(z, 0.5 * h, k1), tile);
  let k3 = odeFieldTile(t + 0.5 * h, tileAxpy(z, 0.5 * h, k2), tile);
  let k4 = odeFieldTile(t + h, tileAxpy(z, h, k3), tile);
  let c = array<f32, 6>(1.0 / 6.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 6.0, 0.0, 0.0);
  return tileCombine6(z, h, c, k1, k2, k3, k4, k4, k4);
}
