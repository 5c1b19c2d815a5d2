// SGD (needs optimizers/state.wgsl): x -= gamma_n g, gamma_n = gamma_0 n^(-kappa)
// (kappa = 0: constant step; kappa = 1/2: gamma_0 / sqrt(n)). docs/math.md section 7.
// Twin: src/optimizers/sgd.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  (*state).x -= optimizerStepSize(hyper, n) * g;
}
