import { stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/** SGD, twin of shaders/optimizers/sgd.wgsl: x -= γ_n g with γ_n = γ_0 n^(-κ) (κ = ½: γ_0/sqrt(n)). */
export function sgdUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  return { ...state, x: state.x.map((xi, i) => xi - gammaN * (g[i] ?? 0)) };
}
