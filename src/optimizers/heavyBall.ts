import { stepSize } from './hyper.ts';
import type { OptimizerHyper, OptimizerState } from './types.ts';

/**
 * Heavy ball (Polyak 1964), PyTorch SGD(momentum = μ) form, twin of
 * shaders/optimizers/heavy_ball.wgsl: m_n = μ m + g, x -= γ_n m_n (μ = 0: SGD).
 */
export function heavyBallUpdate(
  g: Float64Array,
  state: OptimizerState,
  hyper: OptimizerHyper,
  n: number,
): OptimizerState {
  const gammaN = stepSize(hyper, n);
  const m = state.m.map((mi, i) => hyper.momentum * mi + (g[i] ?? 0));
  return { ...state, m, x: state.x.map((xi, i) => xi - gammaN * (m[i] ?? 0)) };
}
