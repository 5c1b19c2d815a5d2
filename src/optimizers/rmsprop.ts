import { momentWeights, stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * RMSProp (Tieleman & Hinton 2012), twin of shaders/optimizers/rmsprop.wgsl:
 * v_n = v + c2 (g² - v), x -= γ_n g / (ε + sqrt(v̂_n)), v̂ = v / r̄_n when debiased, else v.
 */
export function rmspropUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  const [, c2] = momentWeights(hyper, gammaN);
  const r2 = state.bias[1] + c2 * (1 - state.bias[1]);
  const v = state.v.map((vi, i) => vi + c2 * ((g[i] ?? 0) ** 2 - vi));
  return {
    ...state,
    v,
    bias: [state.bias[0], r2],
    x: state.x.map((xi, i) => {
      const vHat = hyper.debias === 1 ? (v[i] ?? 0) / r2 : (v[i] ?? 0);
      return xi - (gammaN * (g[i] ?? 0)) / (hyper.epsilon + Math.sqrt(vHat));
    }),
  };
}
