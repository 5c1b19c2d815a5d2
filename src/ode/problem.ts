import type { ShaderInterface, WgslModule } from '../gpu/layout.ts';
import type { OdeBounds } from './constraint.ts';

/**
 * What the ODE engine needs of a problem of docs/math.md section 6: the closed forms F, ∇F, S and
 * the squared distance to the critical set, in float64 (CPU backend and test oracle), and the
 * WGSL module that provides the same maps per 4-coordinate tile (webgpu backend).
 *
 * The engine integrates tile-separable problems: on the GPU each tile's ∇F and S depend only
 * on that tile's coordinates (true for every catalogue problem except quadratic-dense).
 */
export interface OdeProblem {
  readonly name: string;
  /** Dimension d of x. */
  readonly dimension: number;
  /** F(x). */
  value(x: ArrayLike<number>): number;
  /** ∇F(x), written into `out` (length d). */
  meanGradient(x: ArrayLike<number>, out: Float64Array): void;
  /** S(x) = E[∇f(x, ξ)²], written into `out` (length d). */
  secondMoment(x: ArrayLike<number>, out: Float64Array): void;
  /** Squared Euclidean distance from x to the critical set ∇F⁻¹(0). */
  criticalDistanceSq(x: ArrayLike<number>): number;
  /** Box constraint on every coordinate (reddi: [-1, 1]); see src/ode/constraint.ts. */
  readonly bounds?: OdeBounds;
  /** The GPU side; absent when the problem has no WGSL module. */
  readonly gpu?: OdeProblemGpu;
}

/**
 * The WGSL side of a problem: its modules (libraries first, the problem file last), which
 * define `problemValueTile`, `problemMeanGradientTile`, `problemSecondMomentTile` and
 * `problemCriticalDistanceSqTile`, and the buffers of its bind group 1 (by binding name).
 */
export interface OdeProblemGpu {
  readonly modules: readonly WgslModule[];
  /**
   * `tiled` (default): the per-tile contract, one thread integrates tile after tile;
   * `dense`: coupled coordinates (quadratic-dense), stages in storage, see
   * shaders/problems/quadratic_dense_ode.wgsl; `network`: a workgroup of 64 lanes per
   * trajectory computes ∇F and S as sums over the train set (fixed steps only), see
   * shaders/problems/network_ode.wgsl.
   */
  readonly coupling?: 'tiled' | 'dense' | 'network';
  /**
   * The cost of one step of one trajectory in tile-step units (default: the tile count); the
   * fixed-step solver puts at most 20000 units in one dispatch (GPU watchdogs).
   */
  readonly stepCost?: number;
  /**
   * Creates the group-1 buffers for `trajectoryCount` trajectories (coupled problems keep
   * per-trajectory scratch there), writing structs through `layout` (reflection of the kernel).
   */
  bindings(
    device: GPUDevice,
    layout: ShaderInterface,
    trajectoryCount: number,
  ): Record<string, GPUBuffer>;
}
