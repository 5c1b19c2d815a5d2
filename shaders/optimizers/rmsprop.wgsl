// RMSProp (Tieleman & Hinton 2012), PyTorch's RMSprop form: v_n = v + c2 (g^2 - v),
// x -= gamma_n g / (eps + sqrt(v_n)); with debias = 1, v_n is divided by
// rbar_n = rbar + c2 (1 - rbar) (= ADAM with alpha = 0, docs/math.md section 7).
// Twin: src/optimizers/rmsprop.ts.

fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32) {
  let gammaN = optimizerStepSize(hyper, n);
  let c = optimizerMomentWeights(hyper, gammaN);
  var s = *state;
  s.v += c.y * (g * g - s.v);
  s.bias.y += c.y * (1.0 - s.bias.y);
  var vHat = s.v;
  if (optimizerDebias(hyper)) { vHat = s.v / s.bias.y; }
  s.x -= gammaN * g / (vec4<f32>(hyper.epsilon) + sqrt(vHat));
  *state = s;
}
