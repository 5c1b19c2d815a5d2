// AdaGrad (Duchi, Hazan & Singer 2011), as PyTorch's Adagrad with a zero initial
// accumulator: v_n = v + g^2, x -= gamma_n g / (eps + sqrt(v_n)). docs/math.md section 7.
// Twin: src/optimizers/adagrad.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  (*state).v += g * g;
  (*state).x -= optimizerStepSize(hyper, n) * g / (vec4<f32>(hyper.epsilon) + sqrt((*state).v));
}
