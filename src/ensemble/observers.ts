import { ParameterError } from '../errors.ts';
import type { WgslModule } from '../gpu/layout.ts';
import { exceedance, supDistance } from '../generated/wgsl/observers/index.ts';
import type { OptimizerState } from '../optimizers/types.ts';
import type { ProblemDescriptor } from '../problems/index.ts';
import type { ResolvedEnsemble } from './config.ts';

/**
 * Observers: per-trajectory statistics folded into the ensemble step kernel at every step
 * (kernels/ensemble_step_observed.wgsl + observers/observer.wgsl + one module of
 * shaders/observers). An observation is one vec4 per (trajectory, tile), zero at step 0,
 * updated after every accepted step n ≤ the group's `lastStep` (steps beyond are not taken).
 * This file holds the specs, the GPU data they need and their float64 twins.
 */

/** Running max over n of the squared distances of z_n = (x_n, m_n, v_n) to the ODE z(nγ). */
export interface SupDistanceObserver {
  kind: 'sup-distance';
  /** Per γ group: the last step observed (and taken), e.g. round(T/γ_g). */
  lastSteps: readonly number[];
  /**
   * Per γ group: z(nγ_g) for n = 0 .. lastSteps[g], as 12 values per n: x (4 lanes), m (4), v (4)
   * (lanes ≥ d are 0). Observation lanes: (‖Δz‖², ‖Δx‖², ‖Δm‖², ‖Δv‖²), maximised over n.
   */
  reference: readonly Float64Array[];
}

/** Number of steps with d(x_n, critical set) > δ (long-run theorem). */
export interface ExceedanceObserver {
  kind: 'exceedance';
  lastSteps: readonly number[];
  /** Per γ group: δ_g (the observer compares d² with δ²). */
  deltas: readonly number[];
}

export type ObserverSpec = SupDistanceObserver | ExceedanceObserver;

/** The WGSL module of each observer (composed after observers/observer.wgsl). */
export const OBSERVER_MODULES: Record<ObserverSpec['kind'], WgslModule> = {
  'sup-distance': supDistance,
  exceedance,
};

/** Float32 steps n are exact up to 2^24 (the exceedance counts are f32). */
const MAX_OBSERVED_STEPS = 2 ** 24;

/** Checks `spec` against the ensemble (groups, dimension, reference lengths); throws ParameterError. */
export function validateObserver(spec: ObserverSpec, resolved: ResolvedEnsemble): void {
  const d = resolved.problem.dimension;
  if (d > 4) {
    throw new ParameterError(
      'problem.dimension',
      d,
      `≤ 4 for the ${spec.kind} observer (one tile: a sum over tiles of per-tile running maxima is not the running maximum of the sum)`,
    );
  }
  const groups = resolved.groups.length;
  if (spec.lastSteps.length !== groups)
    throw new ParameterError(
      'observer.lastSteps.length',
      spec.lastSteps.length,
      `${groups} (one per group)`,
    );
  spec.lastSteps.forEach((s, g) => {
    if (!Number.isInteger(s) || s < 0 || s > MAX_OBSERVED_STEPS)
      throw new ParameterError(
        `observer.lastSteps[${g}]`,
        s,
        `an integer in [0, ${MAX_OBSERVED_STEPS}]`,
      );
  });
  if (spec.kind === 'sup-distance') {
    spec.lastSteps.forEach((s, g) => {
      const length = spec.reference[g]?.length;
      if (length !== (s + 1) * 12)
        throw new ParameterError(
          `observer.reference[${g}].length`,
          length,
          `${(s + 1) * 12} (12 per n = 0 .. ${s})`,
        );
    });
  } else {
    if (spec.deltas.length !== groups)
      throw new ParameterError('observer.deltas.length', spec.deltas.length, `${groups}`);
    spec.deltas.forEach((delta, g) => {
      if (!(delta >= 0 && Number.isFinite(delta)))
        throw new ParameterError(`observer.deltas[${g}]`, delta, 'a finite number ≥ 0');
    });
  }
}

/** The `ObserverGroup` records (observers/observer.wgsl) and the reference samples (f32). */
export function observerGpuData(spec: ObserverSpec): {
  groups: { lastStep: number; referenceOffset: number; threshold: number; spare: number }[];
  reference: Float32Array<ArrayBuffer>;
} {
  const offsets: number[] = [];
  let total = 0;
  if (spec.kind === 'sup-distance') {
    for (const r of spec.reference) {
      offsets.push(total);
      total += r.length / 12;
    }
  }
  const reference = new Float32Array(Math.max(4, total * 12));
  if (spec.kind === 'sup-distance')
    spec.reference.forEach((r, g) => reference.set(r, (offsets[g] ?? 0) * 12));
  const groups = spec.lastSteps.map((lastStep, g) => ({
    lastStep,
    referenceOffset: offsets[g] ?? 0,
    threshold: spec.kind === 'exceedance' ? (spec.deltas[g] ?? 0) ** 2 : 0,
    spare: 0,
  }));
  return { groups, reference };
}

/** Float64 twin of observerUpdate for one trajectory (single tile): folds z_n into `o` (4 values). */
export type CpuObserverUpdate = (
  o: Float64Array,
  state: OptimizerState,
  trajectory: number,
  group: number,
  n: number,
) => void;

/** The float64 twin of the observer module of `spec`. */
export function cpuObserver(spec: ObserverSpec, problem: ProblemDescriptor): CpuObserverUpdate {
  const d = problem.dimension;
  if (spec.kind === 'sup-distance') {
    return (o, state, _trajectory, group, n) => {
      const ref = spec.reference[group];
      if (!ref) return;
      const blocks = [state.x, state.m, state.v].map((values, b) => {
        let s = 0;
        for (let i = 0; i < d; i++) s += ((values[i] ?? 0) - (ref[n * 12 + b * 4 + i] ?? 0)) ** 2;
        return s;
      });
      const [x = 0, m = 0, v = 0] = blocks;
      const next = [x + m + v, x, m, v];
      next.forEach((value, lane) => (o[lane] = Math.max(o[lane] ?? 0, value)));
    };
  }
  return (o, state, _trajectory, group, _n) => {
    const distanceSq = problem.criticalDistanceSq(state.x);
    const above = distanceSq > (spec.deltas[group] ?? 0) ** 2 ? 1 : 0;
    o[0] = (o[0] ?? 0) + above;
    o[1] = (o[1] ?? 0) + 1;
    o[2] = above;
    o[3] = distanceSq;
  };
}
