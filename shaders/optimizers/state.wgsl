// Shared by every optimizer module (no dependencies). docs/math.md sections 2, 7, 8.
//
// THE OPTIMIZER CONTRACT (docs/architecture.md, "Optimizer modules"). Each optimizer file defines
//   fn optimizerUpdate(state: ptr<function, OptimizerState>, g: vec4<f32>, hyper: OptimizerHyper, n: u32)
// advancing one 4-coordinate tile from step n - 1 to step n (n >= 1) given the stochastic
// gradient g = grad f(x_{n-1}, xi_n). Lanes with g = 0 and a zero state stay at zero
// (masked coordinates). The float64 twins are src/optimizers/<name>.ts.

struct OptimizerState {
  x: vec4<f32>,
  m: vec4<f32>,      // first moment / momentum buffer
  v: vec4<f32>,      // second moment / AdaGrad accumulator
  aux: vec4<f32>,    // AMSGrad: running max of v
  bias: vec2<f32>,   // bias weights (r_n, rbar_n), r_0 = 0 (per trajectory; same on every tile)
}

// One set of hyperparameters (a storage array indexed by trajectory / groupSize). Moment
// weights are kept as c1 = 1 - alpha and c2 = 1 - beta, never formed by 1 - beta in f32
// (docs/math.md section 8).
struct OptimizerHyper {
  gamma: f32,         // gamma_0 > 0
  kappa: f32,         // schedule gamma_n = gamma_0 n^(-kappa); 0 = constant step
  c1: f32,            // 1 - alpha (constant-weight mode)
  c2: f32,            // 1 - beta
  a: f32,             // scaled mode (Algorithm 5.1): c1_n = a gamma_n
  b: f32,             //                               c2_n = b gamma_n
  epsilon: f32,       // added outside the square root
  epsilonRoot: f32,   // added inside the square root (optax eps_root)
  momentum: f32,      // mu of heavy ball / Nesterov, in [0, 1)
  debias: u32,        // 1: divide m, v by r_n, rbar_n
  scaled: u32,        // 1: moment weights from (a, b) and gamma_n
  epsilonForm: u32,   // 0: paper (x -= gamma m^ / (eps + sqrt(v^))); 1: Keras eps-hat form
}

// Variant flags as override constants (gpuKernels.ts optimizerConstants); 2: read at run time.
const OPTIMIZER_RUNTIME: u32 = 2u;
override OPTIMIZER_DEBIAS: u32 = OPTIMIZER_RUNTIME;
override OPTIMIZER_SCALED: u32 = OPTIMIZER_RUNTIME;
override OPTIMIZER_EPSILON_FORM: u32 = OPTIMIZER_RUNTIME;
override OPTIMIZER_DECAYING: u32 = OPTIMIZER_RUNTIME; // kappa != 0

fn optimizerFlag(constant: u32, value: u32) -> bool {
  if (constant == OPTIMIZER_RUNTIME) { return value == 1u; }
  return constant == 1u;
}

fn optimizerDebias(hyper: OptimizerHyper) -> bool {
  return optimizerFlag(OPTIMIZER_DEBIAS, hyper.debias);
}

fn optimizerKerasEpsilon(hyper: OptimizerHyper) -> bool {
  return optimizerFlag(OPTIMIZER_EPSILON_FORM, hyper.epsilonForm);
}

// gamma_n = gamma_0 n^(-kappa), exactly gamma_0 when kappa = 0.
fn optimizerStepSize(hyper: OptimizerHyper, n: u32) -> f32 {
  if (!optimizerFlag(OPTIMIZER_DECAYING, select(1u, 0u, hyper.kappa == 0.0))) { return hyper.gamma; }
  return hyper.gamma * pow(f32(n), -hyper.kappa);
}

// (c1_n, c2_n): constant, or (a gamma_n, b gamma_n) in scaled mode.
fn optimizerMomentWeights(hyper: OptimizerHyper, gammaN: f32) -> vec2<f32> {
  if (optimizerFlag(OPTIMIZER_SCALED, hyper.scaled)) { return vec2<f32>(hyper.a, hyper.b) * gammaN; }
  return vec2<f32>(hyper.c1, hyper.c2);
}
