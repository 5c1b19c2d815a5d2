// Heavy ball (Polyak 1964), in the momentum-buffer form of PyTorch's SGD(momentum = mu,
// dampening = 0): m_n = mu m + g, x -= gamma_n m_n. For a constant step this is
// x_{n} = x_{n-1} - gamma g + mu (x_{n-1} - x_{n-2}). mu = 0 gives SGD. docs/math.md section 7.
// Twin: src/optimizers/heavyBall.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  (*state).m = hyper.momentum * (*state).m + g;
  (*state).x -= optimizerStepSize(hyper, n) * (*state).m;
}
