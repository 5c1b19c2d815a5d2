// Observer sup-distance (Theorem 4.3, docs/math.md section 5): running max over n ≤ lastStep of the
// squared distances between z_n = (x_n, m_n, v_n) and the ODE solution z(nγ_g) of its group,
// observation = (‖z_n - z(nγ)‖², ‖x_n - x(nγ)‖², ‖m_n - m(nγ)‖², ‖v_n - v(nγ)‖²) maximised
// over n. Single-tile problems (d ≤ 4) only: the TypeScript side refuses d > 4 (a max of
// per-tile sums is not a sum of per-tile maxima). observerReference holds, for group g and
// n = 0 .. lastStep, the three vec4 x, m, v of z(nγ_g) at (referenceOffset + n)·3 + block
// (lanes ≥ d zero). Twin: supDistanceObserver in src/ensemble/observers.ts.

@group(2) @binding(1) var<storage, read> observerReference: array<vec4<f32>>;

fn observerUpdate(
  observation: ptr<function, vec4<f32>>,
  state: OptimizerState,
  tile: u32,
  trajectory: u32,
  group: u32,
  n: u32,
) {
  let base = (observerGroups[group].referenceOffset + n) * 3u;
  let dx = state.x - observerReference[base];
  let dm = state.m - observerReference[base + 1u];
  let dv = state.v - observerReference[base + 2u];
  let blocks = vec3<f32>(dot(dx, dx), dot(dm, dm), dot(dv, dv));
  let full = blocks.x + blocks.y + blocks.z;
  *observation = max(*observation, vec4<f32>(full, blocks));
}
