import { stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * AdaGrad (Duchi, Hazan & Singer 2011), twin of shaders/optimizers/adagrad.wgsl:
 * v_n = v + g², x -= γ_n g / (ε + sqrt(v_n)).
 */
export function adagradUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  const v = state.v.map((vi, i) => vi + (g[i] ?? 0) ** 2);
  return {
    ...state,
    v,
    x: state.x.map((xi, i) => xi - (gammaN * (g[i] ?? 0)) / (hyper.epsilon + Math.sqrt(v[i] ?? 0))),
  };
}
