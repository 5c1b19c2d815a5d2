// ADAM (needs optimizers/state.wgsl). Kingma & Ba (2015) Algorithm 1 = Barakat & Bianchi
// Algorithm 2.1 (docs/math.md section 2), with the variants selected by OptimizerHyper:
//   m_n = m + c1 (g - m),  v_n = v + c2 (g^2 - v)               (c1 = 1 - alpha, c2 = 1 - beta)
//   r_n = r + c1 (1 - r),  rbar_n = rbar + c2 (1 - rbar)        (bias weights, r_0 = 0)
//   debias = 1:  x -= gamma_n (m / r_n) / (eps + sqrt(v / rbar_n + epsRoot))   (paper, PyTorch, optax)
//   debias = 0:  x -= gamma_n m / (eps + sqrt(v + epsRoot))                    (no debiasing)
//   epsilonForm = 1 (Keras): x -= gamma_n sqrt(rbar_n) / r_n * m / (sqrt(v) + eps)
//   scaled = 1 (Algorithm 5.1, decreasing steps): c1_n = a gamma_n, c2_n = b gamma_n,
//   gamma_n = gamma_0 n^(-kappa).
// Twin: src/optimizers/adam.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  let gammaN = optimizerStepSize(hyper, n);
  let c = optimizerMomentWeights(hyper, gammaN);
  var s = *state;
  s.m += c.x * (g - s.m);
  s.v += c.y * (g * g - s.v);
  s.bias += c * (vec2<f32>(1.0) - s.bias);
  if (optimizerKerasEpsilon(hyper)) {
    let stepSize = gammaN * sqrt(s.bias.y) / s.bias.x;
    s.x -= stepSize * s.m / (sqrt(s.v) + vec4<f32>(hyper.epsilon));
  } else {
    var mHat = s.m;
    var vHat = s.v;
    if (optimizerDebias(hyper)) {
      mHat = s.m / s.bias.x;
      vHat = s.v / s.bias.y;
    }
    s.x -= gammaN * mHat / (vec4<f32>(hyper.epsilon) + sqrt(vHat + vec4<f32>(hyper.epsilonRoot)));
  }
  *state = s;
}
