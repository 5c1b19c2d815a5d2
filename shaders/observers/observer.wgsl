// The observer interface of kernels/ensemble_step_observed.wgsl (library; compose it before
// one observer module of shaders/observers). An observer folds every accepted step n of a
// (trajectory, tile) into one vec4 `observation` kept in registers during a dispatch and
// stored per (trajectory, tile) at its end (zero before the first dispatch). Every observer
// module defines
//   fn observerUpdate(observation: ptr<function, vec4<f32>>, state: OptimizerState,
//                     tile: u32, trajectory: u32, group: u32, n: u32)
// (state = z_n after step n, group = hyperparameter group of the trajectory) and may declare
// its own bindings in @group(2) from binding 1 on. Steps n > observerGroups[group].lastStep
// are not taken: each γ group stops at its own horizon. Twins: src/ensemble/observers.ts.

struct ObserverGroup {
  lastStep: u32,          // last step n observed (and taken) by this group
  referenceOffset: u32,   // first reference sample of this group (sup-distance)
  threshold: f32,         // squared threshold (exceedance)
  spare: u32,
}

@group(2) @binding(0) var<storage, read> observerGroups: array<ObserverGroup>;

fn observerLastStep(group: u32) -> u32 {
  return observerGroups[group].lastStep;
}
