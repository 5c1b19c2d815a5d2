// Nesterov momentum (Sutskever et al. 2013), PyTorch's SGD(nesterov = True) form with the
// gradient taken at x: m_n = mu m + g, x -= gamma_n (g + mu m_n). docs/math.md section 7.
// Twin: src/optimizers/nesterov.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  (*state).m = hyper.momentum * (*state).m + g;
  (*state).x -= optimizerStepSize(hyper, n) * (g + hyper.momentum * (*state).m);
}
