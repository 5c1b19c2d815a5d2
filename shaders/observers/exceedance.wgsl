// Observer exceedance (the long-run theorem, docs/math.md section 5): per trajectory, the number of
// steps n ≤ lastStep with d(x_n, critical set)² > threshold (the group's δ²), the number of
// steps observed, the last indicator and the last squared distance:
// observation = (Σ_n 1{d² > δ²}, Σ_n 1, 1{d_n² > δ²}, d_n²). Counts are exact in f32 up to
// 2^24 steps. Single-tile problems (d ≤ 4) only (the critical distance sums over tiles).
// Twin: exceedanceObserver in src/ensemble/observers.ts.

fn observerUpdate(
  observation: ptr<function, vec4<f32>>,
  state: OptimizerState,
  tile: u32,
  trajectory: u32,
  group: u32,
  n: u32,
) {
  let distanceSq = problemCriticalDistanceSqTile(state.x, tile);
  let above = select(0.0, 1.0, distanceSq > observerGroups[group].threshold);
  let previous = *observation;
  *observation = vec4<f32>(previous.x + above, previous.y + 1.0, above, distanceSq);
}
