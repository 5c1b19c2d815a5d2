import type { WgslModule } from '../gpu/layout.ts';
/** Optimizer names (docs/math.md sections 2 and 7). */
export type OptimizerName =
  | 'adam'
  | 'adam-nodebias'
  | 'adam-decreasing'
  | 'sgd'
  | 'sgd-decreasing'
  | 'heavy-ball'
  | 'nesterov'
  | 'adagrad'
  | 'rmsprop'
  | 'amsgrad';

/** Named ADAM conventions (see docs and src/optimizers/hyper.ts). */
export type AdamPreset = 'pytorch' | 'kingma-ba' | 'optax' | 'keras';

/**
 * What a user gives. Moment weights either as (alpha, beta) or in the paper's scaling
 * (a, b) with alpha = 1 - aγ, beta = 1 - bγ (docs/math.md section 2, Assumption 2.5).
 */
export interface OptimizerSpec {
  name: OptimizerName;
  preset?: AdamPreset;
  /** γ (γ_0 for schedules), > 0. */
  gamma: number;
  alpha?: number;
  beta?: number;
  a?: number;
  b?: number;
  epsilon?: number;
  /** Added inside the square root (optax `eps_root`), ≥ 0. */
  epsilonRoot?: number;
  /** μ of heavy ball and Nesterov, in [0, 1). */
  momentum?: number;
  /** Schedule exponent: γ_n = γ_0 n^(-κ). */
  kappa?: number;
  /** Divide by the bias weights (adam: default true; rmsprop, amsgrad: default false). */
  debias?: boolean;
}

/** The values of the WGSL `OptimizerHyper` struct (shaders/optimizers/state.wgsl), in float64. */
export interface OptimizerHyper {
  gamma: number;
  kappa: number;
  c1: number;
  c2: number;
  a: number;
  b: number;
  epsilon: number;
  epsilonRoot: number;
  momentum: number;
  debias: number;
  scaled: number;
  epsilonForm: number;
}

/** Optimizer state in float64 (twin of WGSL `OptimizerState`, whole vectors). */
export interface OptimizerState {
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly v: Float64Array;
  readonly aux: Float64Array;
  /** Bias weights (r_n, r̄_n), r_0 = 0. */
  readonly bias: readonly [number, number];
}

/**
 * An optimizer as a pair of pure functions (optax style), twin of shaders/optimizers/<file>.
 *
 * @example
 * const opt = createOptimizer({ name: 'adam', preset: 'pytorch', gamma: 1e-3 });
 * let state = opt.init(Float64Array.of(1, 2));
 * state = opt.update(Float64Array.of(0.5, -1), state, opt.hyper, 1);
 */
export interface OptimizerDescriptor {
  readonly name: OptimizerName;
  /** The WGSL module (composed after `optimizers/state.wgsl`). */
  readonly module: WgslModule;
  readonly hyper: OptimizerHyper;
  /** Non-fatal remarks (e.g. b > 4a). */
  readonly warnings: readonly string[];
  init(x0: Float64Array): OptimizerState;
  /** Step n ≥ 1 from state n - 1 with gradient g = ∇f(x_{n-1}, ξ_n). */
  update(g: Float64Array, state: OptimizerState, hyper: OptimizerHyper, n: number): OptimizerState;
}
