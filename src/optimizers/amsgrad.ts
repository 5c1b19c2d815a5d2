import { momentWeights, stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * AMSGrad (Reddi, Kale & Kumar 2018, Algorithm 2), twin of shaders/optimizers/amsgrad.wgsl:
 * m_n = m + c1 (g - m), v_n = v + c2 (g² - v), v̂max_n = max(v̂max, v_n) (aux),
 * x -= γ_n m / (ε + sqrt(v̂max)) — or with m/r_n and v̂max/r̄_n when debiased (PyTorch).
 */
export function amsgradUpdate(
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
  const aux = state.aux.map((ai, i) => Math.max(ai, v[i] ?? 0));
  const x = state.x.map((xi, i) => {
    const mHat = hyper.debias === 1 ? (m[i] ?? 0) / r1 : (m[i] ?? 0);
    const vHat = hyper.debias === 1 ? (aux[i] ?? 0) / r2 : (aux[i] ?? 0);
    return xi - (gammaN * mHat) / (hyper.epsilon + Math.sqrt(vHat));
  });
  return { x, m, v, aux, bias: [r1, r2] };
}
