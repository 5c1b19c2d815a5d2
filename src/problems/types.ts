import type { StructValues, WgslModule } from '../gpu/layout.ts';
import type { Key } from '../random/philox.ts';

/** The problems of docs/math.md section 6 that this module implements. */
export type ProblemName =
  | 'regression2d'
  | 'quadratic-diag'
  | 'quadratic-dense'
  | 'double-well'
  | 'rosenbrock'
  | 'quartic'
  | 'reddi'
  | 'mlp'
  | 'logistic';

/**
 * A stochastic problem in float64, the twin of `shaders/problems/<name>.wgsl`.
 *
 * Vectors are `Float64Array`s of length `dimension`. The stochastic gradient at step n of
 * trajectory k uses the draws at (key, k, stepIndex = n) described in each module.
 *
 * @example
 * const p = createProblem({ name: 'quartic', dimension: 3, sigma: 0.1 });
 * p.value(Float64Array.of(1, 0, 0)); // 0.25
 */
export interface ProblemDescriptor {
  readonly name: ProblemName;
  readonly dimension: number;
  /** The WGSL module `shaders/problems/<name>.wgsl` (composed after `problems/tile.wgsl`). */
  readonly module: WgslModule;
  /**
   * `tiled`: thread per (trajectory, 4-coordinate tile); `dense`: workgroup per trajectory;
   * `network`: the finite-sum problems mlp and logistic (src/problems/network, workgroup of
   * 64 lanes per point, docs/network.md).
   */
  readonly kernelPath: 'tiled' | 'dense' | 'network';
  /** Values of the WGSL `ProblemParams` struct (written by reflection). */
  gpuParams(): StructValues;
  /** F(x) = E f(x, ξ). */
  value(x: Float64Array): number;
  /** ∇F(x). */
  meanGradient(x: Float64Array): Float64Array;
  /** S(x) = E[∇f(x, ξ)²], per coordinate. */
  secondMoment(x: Float64Array): Float64Array;
  /** One stochastic gradient ∇f(x, ξ) with ξ drawn at (key, trajectory, stepIndex). */
  gradientSample(x: Float64Array, key: Key, trajectory: number, stepIndex: number): Float64Array;
  /** Squared Euclidean distance from x to the critical set. */
  criticalDistanceSq(x: Float64Array): number;
  /** Projection applied after every step (identity except for reddi: onto [-1, 1]). */
  project(x: Float64Array): void;
  /** A bound on the Lipschitz constant of ∇F near the region of interest (for tolerances). */
  readonly lipschitz: number;
}
