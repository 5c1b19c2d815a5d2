import { stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * Nesterov momentum (Sutskever et al. 2013), PyTorch SGD(nesterov = True) form, twin of
 * shaders/optimizers/nesterov.wgsl: m_n = μ m + g, x -= γ_n (g + μ m_n).
 */
export function nesterovUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  const m = state.m.map((mi, i) => hyper.momentum * mi + (g[i] ?? 0));
  return {
    ...state,
    m,
    x: state.x.map((xi, i) => xi - gammaN * ((g[i] ?? 0) + hyper.momentum * (m[i] ?? 0))),
  };
}
