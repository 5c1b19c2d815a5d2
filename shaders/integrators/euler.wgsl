// Explicit Euler (order 1): z + h f(t, z). Needs an ODE module and lib/ode_state.wgsl (odeFieldTile).
// Twin: src/ode/integrators/fixedStep.ts (eulerStep).

fn integratorStepTile(t: f32, h: f32, z: OdeTile, tile: u32) -> OdeTile {
  return tileAxpy(z, h, odeFieldTile(t, z, tile));
}
