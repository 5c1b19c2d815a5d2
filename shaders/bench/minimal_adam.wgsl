// A minimal single-purpose fused ADAM kernel on quadratic-diag, the benchmark's reference for
// the engine's step kernel (src/bench/minimalKernel.ts; not used by the engine). Needs a
// generator module (lib/philox.wgsl or lib/threefry.wgsl) and lib/random.wgsl, so it draws
// exactly the engine's gradient noise: zeta = normal4(key, trajectory, n, tile, STREAM_GRADIENT).
// The same arithmetic as optimizers/adam.wgsl with debias = 1 (PyTorch preset) and
// problems/quadratic_diag.wgsl, with everything a general kernel must carry left out: no
// hyperparameter groups, no lane mask (d is a multiple of 4), no projection, no finiteness
// check or divergence flags, no auxiliary state; lambda is computed once per dispatch and the
// bias weights (equal for every trajectory) start from the uniform.

struct MinimalAdamParams {
  key: vec2<u32>,
  trajectoryCount: u32,
  tileCount: u32,
  firstStep: u32,
  stepCount: u32,
  gamma: f32,
  alpha: f32,
  beta: f32,
  epsilon: f32,
  sigma: f32,
  xStar: f32,
  log2LambdaMin: f32,
  log2LambdaStep: f32,
  bias: vec2<f32>,        // (r, rbar) before this dispatch's first step
  epsilonForm: u32,       // read only with RUNTIME_VARIANT (0: PyTorch form, 1: Keras)
  debias: u32,            // read only with RUNTIME_VARIANT (1: debiased)
}

override WORKGROUP_SIZE: u32 = 64u;
// True: the engine's per-step finiteness check (lib/ensemble_advance.wgsl: a step whose x, m or
// v is not finite is not accepted and ends the dispatch for that thread), to measure its cost.
override CHECK_FINITE: bool = false;
// True: the ADAM variant is read from the uniform and branched on at run time, as
// optimizers/adam.wgsl does with OptimizerHyper (epsilonForm, debias), to measure what a
// specialisation by override constants would save.
override RUNTIME_VARIANT: bool = false;
// True: lambda = exp2(...) recomputed at every step, as problems/quadratic_diag.wgsl does.
override LAMBDA_PER_STEP: bool = false;

fn minimalAllFinite(v: vec4<f32>) -> bool {
  let exponent = bitcast<vec4<u32>>(v) & vec4<u32>(0x7f800000u);
  return all(exponent != vec4<u32>(0x7f800000u));
}

@group(0) @binding(0) var<uniform> params: MinimalAdamParams;
@group(0) @binding(1) var<storage, read_write> positions: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> firstMoments: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> secondMoments: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP_SIZE)
fn minimalAdam(@builtin(global_invocation_id) id: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = id.x + id.y * groups.x * WORKGROUP_SIZE;
  if (i >= params.trajectoryCount * params.tileCount) { return; }
  let trajectory = i / params.tileCount;
  let tile = i % params.tileCount;
  let coordinate = vec4<f32>(vec4<u32>(tile * 4u) + vec4<u32>(0u, 1u, 2u, 3u));
  let lambda = exp2(vec4<f32>(params.log2LambdaMin) + coordinate * params.log2LambdaStep);
  let c1 = 1.0 - params.alpha;
  let c2 = 1.0 - params.beta;
  var x = positions[i];
  var m = firstMoments[i];
  var v = secondMoments[i];
  var bias = params.bias;
  for (var k = 0u; k < params.stepCount; k++) {
    let n = params.firstStep + k;
    let zeta = normal4(params.key, trajectory, n, tile, STREAM_GRADIENT);
    var lambdaN = lambda;
    if (LAMBDA_PER_STEP) {
      lambdaN = exp2(vec4<f32>(params.log2LambdaMin) + coordinate * params.log2LambdaStep);
    }
    let g = lambdaN * (x - vec4<f32>(params.xStar)) + params.sigma * zeta;
    let mNext = m + c1 * (g - m);
    let vNext = v + c2 * (g * g - v);
    bias += vec2<f32>(c1, c2) * (vec2<f32>(1.0) - bias);
    var xNext = x - params.gamma * (mNext / bias.x) / (vec4<f32>(params.epsilon) + sqrt(vNext / bias.y));
    if (RUNTIME_VARIANT) {
      if (params.epsilonForm == 1u) {
        let stepSize = params.gamma * sqrt(bias.y) / bias.x;
        xNext = x - stepSize * mNext / (sqrt(vNext) + vec4<f32>(params.epsilon));
      } else {
        var mHat = mNext;
        var vHat = vNext;
        if (params.debias == 1u) {
          mHat = mNext / bias.x;
          vHat = vNext / bias.y;
        }
        xNext = x - params.gamma * mHat / (vec4<f32>(params.epsilon) + sqrt(vHat));
      }
    }
    if (CHECK_FINITE && !(minimalAllFinite(xNext) && minimalAllFinite(mNext) && minimalAllFinite(vNext))) {
      break;
    }
    x = xNext;
    m = mNext;
    v = vNext;
  }
  positions[i] = x;
  firstMoments[i] = m;
  secondMoments[i] = v;
}
