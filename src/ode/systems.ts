import { debiasRate, oneMinusExpNeg } from './math.ts';
import type { OdeProblem } from './problem.ts';

/**
 * The limit ODEs of docs/math.md section 3 in float64 (the CPU twin of shaders/ode/*.wgsl).
 * Every system has the state z = (x, y, w), three blocks of length d stored one after the
 * other in a Float64Array of length 3d:
 *
 * | ode                 | y          | w                  | equations                          |
 * |---------------------|------------|--------------------|------------------------------------|
 * | `adam`              | m̂          | v̂                  | debiased Eq. 3.3, regular at t = 0 |
 * | `adam-autonomous`   | m          | v                  | Eq. 7.1 (ADAM without debiasing)   |
 * | `heavy-ball`        | ẋ          | unused (0)         | ẍ + λẋ + ∇F(x) = 0                 |
 * | `heavy-ball-adam`   | ẋ          | v̂                  | c1(t)ẍ + c2(t)ẋ + ∇F(x) = 0        |
 * | `heavy-ball-frozen` | ẋ          | v (constant)       | ẍ + aẋ + aD⁻¹∇F(x) = 0             |
 * | `gradient-flow`     | unused (0) | unused (0)         | ẋ = -∇F(x)                         |
 */
export type OdeKind =
  | 'adam'
  | 'adam-autonomous'
  | 'heavy-ball'
  | 'heavy-ball-adam'
  | 'heavy-ball-frozen'
  | 'gradient-flow';

export const ODE_KINDS: readonly OdeKind[] = [
  'adam',
  'adam-autonomous',
  'heavy-ball',
  'heavy-ball-adam',
  'heavy-ball-frozen',
  'gradient-flow',
];

/** How many blocks of (x, y, w) evolve: the adaptive error norm averages over activeBlocks·d. */
export const ACTIVE_BLOCKS: Record<OdeKind, number> = {
  adam: 3,
  'adam-autonomous': 3,
  'heavy-ball': 2,
  'heavy-ball-adam': 3,
  'heavy-ball-frozen': 2,
  'gradient-flow': 1,
};

/** Coefficients of the ODEs: a, b (1/time), ε, and the heavy ball's friction λ (1/time). */
export interface OdeCoefficients {
  a: number;
  b: number;
  epsilon: number;
  lambda: number;
}

/** Per-trajectory initial data besides x0 (heavy balls). */
export interface OdeInitialData {
  /** ẋ(0) for `heavy-ball` and `heavy-ball-frozen` (default 0). */
  velocity?: ArrayLike<number>;
  /** The frozen v of `heavy-ball-frozen` (default S(x0)). */
  frozenV?: ArrayLike<number>;
}

/** The quantities recorded along a solution (docs/math.md sections 4 and 5). */
export interface OdeObservation {
  /** F(x). */
  F: number;
  /** The Lyapunov function (see `lyapunovTerm`); V(0+) = F(x0). */
  V: number;
  /** ‖m‖ (paper variables) for the ADAM systems, ‖ẋ‖ otherwise. */
  mNorm: number;
  /** ‖v - S(x)‖ for systems with a v; NaN otherwise. */
  vGap: number;
  /** Distance to the critical set. */
  dist: number;
  /** x, and the paper's m and v (heavy balls: m = ẋ; v = the frozen v or 0). */
  x: Float64Array;
  m: Float64Array;
  v: Float64Array;
}

/** A right-hand side and its observables for one problem and one set of coefficients. */
export interface OdeSystem {
  readonly kind: OdeKind;
  readonly dimension: number;
  initialState(x0: ArrayLike<number>, data?: OdeInitialData): Float64Array;
  /** dz/dt at (t, z) into `out`; at t = 0 the limits of docs/math.md section 3 (never 0/0). */
  derivative(t: number, z: Float64Array, out: Float64Array): void;
  observe(t: number, z: Float64Array): OdeObservation;
}

/** ½ d/dt ∇F(x(t)) and ½ d/dt S(x(t)) at t = 0 along ẋ0 (central difference, float64). */
export function halfDirectionalDerivatives(
  problem: OdeProblem,
  x: Float64Array,
  direction: Float64Array,
): { gradient: Float64Array; moment: Float64Array } {
  const d = problem.dimension;
  let xMax = 0;
  let dirMax = 0;
  for (let i = 0; i < d; i++) {
    xMax = Math.max(xMax, Math.abs(x[i] ?? 0));
    dirMax = Math.max(dirMax, Math.abs(direction[i] ?? 0));
  }
  const gradient = new Float64Array(d);
  const moment = new Float64Array(d);
  if (dirMax === 0) return { gradient, moment };
  // Central difference: error ~ δ² f''' + eps/δ, minimal near δ ~ eps^(1/3) ~ 6e-6 (relative).
  const delta = (6e-6 * (1 + xMax)) / dirMax;
  const plus = x.map((xi, i) => xi + delta * (direction[i] ?? 0));
  const minus = x.map((xi, i) => xi - delta * (direction[i] ?? 0));
  const gPlus = new Float64Array(d);
  const gMinus = new Float64Array(d);
  problem.meanGradient(plus, gPlus);
  problem.meanGradient(minus, gMinus);
  for (let i = 0; i < d; i++) gradient[i] = ((gPlus[i] ?? 0) - (gMinus[i] ?? 0)) / (4 * delta);
  problem.secondMoment(plus, gPlus);
  problem.secondMoment(minus, gMinus);
  for (let i = 0; i < d; i++) moment[i] = ((gPlus[i] ?? 0) - (gMinus[i] ?? 0)) / (4 * delta);
  return { gradient, moment };
}

/** Bias weights r_a(t) = 1 - e^{-at}, r_b(t) = 1 - e^{-bt}. */
export function biasWeights(c: OdeCoefficients, t: number): { ra: number; rb: number } {
  return { ra: oneMinusExpNeg(c.a * t), rb: oneMinusExpNeg(c.b * t) };
}

/** Debiasing rates a/r_a(t), b/r_b(t) for t > 0. */
export function debiasRates(c: OdeCoefficients, t: number): { rateA: number; rateB: number } {
  return { rateA: debiasRate(c.a, t), rateB: debiasRate(c.b, t) };
}
