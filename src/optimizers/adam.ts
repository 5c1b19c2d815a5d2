import { momentWeights, stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * ADAM in float64, twin of shaders/optimizers/adam.wgsl (Kingma & Ba 2015, Algorithm 1;
 * Barakat & Bianchi Algorithm 2.1 and 5.1; docs/math.md section 2):
 *   m_n = m + c1 (g - m), v_n = v + c2 (g² - v), r_n = r + c1 (1 - r), r̄_n = r̄ + c2 (1 - r̄)
 *   paper form:  x -= γ_n m̂ / (ε + sqrt(v̂ + ε_root)), m̂ = m/r_n, v̂ = v/r̄_n (or m, v without debiasing)
 *   Keras form:  x -= γ_n sqrt(r̄_n)/r_n · m / (sqrt(v) + ε̂)
 */
export function adamUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  const [c1, c2] = momentWeights(hyper, gammaN);
  const r1 = state.bias[0] + c1 * (1 - state.bias[0]);
  const r2 = state.bias[1] + c2 * (1 - state.bias[1]);
  const m = state.m.map((mi, i) => mi + c1 * ((g[i] ?? 0) - mi));
  const v = state.v.map((vi, i) => vi + c2 * ((g[i] ?? 0) ** 2 - vi));
  const x = state.x.map((xi, i) => {
    const mi = m[i] ?? 0;
    const vi = v[i] ?? 0;
    if (hyper.epsilonForm === 1)
      return xi - ((gammaN * Math.sqrt(r2)) / r1) * (mi / (Math.sqrt(vi) + hyper.epsilon));
    const mHat = hyper.debias === 1 ? mi / r1 : mi;
    const vHat = hyper.debias === 1 ? vi / r2 : vi;
    return xi - (gammaN * mHat) / (hyper.epsilon + Math.sqrt(vHat + hyper.epsilonRoot));
  });
  return { x, m, v, aux: state.aux, bias: [r1, r2] };
}
