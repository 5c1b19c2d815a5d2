// AMSGrad (Reddi, Kale & Kumar, ICLR 2018, Algorithm 2): m_n = m + c1 (g - m),
// v_n = v + c2 (g^2 - v), vmax_n = max(vmax, v_n) (in aux), x -= gamma_n m_n / (eps + sqrt(vmax_n)).
// With debias = 1 (PyTorch's Adam(amsgrad = True)): x -= gamma_n (m / r_n) / (eps + sqrt(vmax / rbar_n)).
// Twin: src/optimizers/amsgrad.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  let gammaN = optimizerStepSize(hyper, n);
  let c = optimizerMomentWeights(hyper, gammaN);
  var s = *state;
  s.m += c.x * (g - s.m);
  s.v += c.y * (g * g - s.v);
  s.aux = max(s.aux, s.v);
  s.bias += c * (vec2<f32>(1.0) - s.bias);
  var mHat = s.m;
  var vHat = s.aux;
  if (optimizerDebias(hyper)) {
    mHat = s.m / s.bias.x;
    vHat = s.aux / s.bias.y;
  }
  s.x -= gammaN * mHat / (vec4<f32>(hyper.epsilon) + sqrt(vHat));
  *state = s;
}
