import type { ProblemName } from '../problems/types.ts';
import type { Derivative } from './rhs.ts';

/**
 * Box constraints lower ≤ x_i ≤ upper (the same box on every coordinate). The discrete
 * algorithm of reddi (docs/math.md section 6 item 8) projects x onto [-1, 1] after each step; its
 * ODE counterpart here is the projected dynamical system
 *
 *     ẋ_i = 0 if (x_i ≤ lower and ẋ_i < 0) or (x_i ≥ upper and ẋ_i > 0), else the field,
 *
 * with the other blocks (m, v, velocities) unchanged, plus a clamp of x into the box after
 * every accepted step and on every observed (dense-output) state, which removes the
 * overshoot of the stages that straddle the bound. Twin of `odeFieldTile` and
 * `odeProjectStateTile` in shaders/lib/ode_state.wgsl.
 */
export interface OdeBounds {
  lower: number;
  upper: number;
}

/** The box of each constrained catalogue problem (the others are unconstrained). */
export const PROBLEM_BOUNDS: Partial<Record<ProblemName, OdeBounds>> = {
  reddi: { lower: -1, upper: 1 },
};

/** float32 stand-ins for ±∞ in the WGSL uniform (no constraint). */
export const UNBOUNDED_F32 = 3.4e38;

/** The field with the x-velocity projected onto the tangent cone of the box. */
export function projectedDerivative(f: Derivative, bounds: OdeBounds, d: number): Derivative {
  return (t, z, out) => {
    f(t, z, out);
    for (let i = 0; i < d; i++) {
      const x = z[i] ?? 0;
      const v = out[i] ?? 0;
      if ((x <= bounds.lower && v < 0) || (x >= bounds.upper && v > 0)) out[i] = 0;
    }
  };
}

/** Clamps the x block of z (its first d entries) into the box, in place. */
export function projectState(z: Float64Array, bounds: OdeBounds, d: number): void {
  for (let i = 0; i < d; i++) z[i] = Math.min(bounds.upper, Math.max(bounds.lower, z[i] ?? 0));
}
