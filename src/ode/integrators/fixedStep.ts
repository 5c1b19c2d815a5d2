import type { Derivative } from '../rhs.ts';

/**
 * Fixed-step integrators in float64, twins of shaders/integrators/euler.wgsl and rk4.wgsl.
 * Between consecutive output times the step is the interval divided into
 * `substepCount(interval, dt)` equal parts, so every output time is hit exactly.
 */
export type FixedStepMethod = 'euler' | 'rk4';

/** Number of equal substeps for an interval of length `span` with nominal step `dt`. */
export function substepCount(span: number, dt: number): number {
  if (span <= 0) return 0;
  return Math.max(1, Math.ceil(span / dt - 1e-9));
}

/** One explicit Euler step: z + h f(t, z) (order 1). */
export function eulerStep(f: Derivative, t: number, h: number, z: Float64Array): Float64Array {
  const k = new Float64Array(z.length);
  f(t, z, k);
  return z.map((zi, i) => zi + h * (k[i] ?? 0));
}

/** One classical Runge–Kutta step (order 4). */
export function rk4Step(f: Derivative, t: number, h: number, z: Float64Array): Float64Array {
  const n = z.length;
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const stage = (k: Float64Array, c: number) => z.map((zi, i) => zi + c * h * (k[i] ?? 0));
  f(t, z, k1);
  f(t + 0.5 * h, stage(k1, 0.5), k2);
  f(t + 0.5 * h, stage(k2, 0.5), k3);
  f(t + h, stage(k3, 1), k4);
  return z.map(
    (zi, i) => zi + (h / 6) * ((k1[i] ?? 0) + 2 * (k2[i] ?? 0) + 2 * (k3[i] ?? 0) + (k4[i] ?? 0)),
  );
}

/**
 * Integrates from t = 0 through `outputTimes` (ascending, ≥ 0), calling `emit(k, z)` at each;
 * `project` (box constraints) is applied in place after every step. Returns the step count.
 */
export function solveFixedStep(
  method: FixedStepMethod,
  f: Derivative,
  z0: Float64Array,
  outputTimes: ArrayLike<number>,
  dt: number,
  emit: (index: number, z: Float64Array) => void,
  project?: (z: Float64Array) => void,
): number {
  const stepFn = method === 'euler' ? eulerStep : rk4Step;
  let z = z0;
  let t0 = 0;
  let steps = 0;
  for (let k = 0; k < outputTimes.length; k++) {
    const t1 = outputTimes[k] ?? 0;
    const n = substepCount(t1 - t0, dt);
    const h = (t1 - t0) / n;
    for (let i = 0; i < n; i++) {
      z = stepFn(f, t0 + i * h, h, z);
      project?.(z);
    }
    steps += n;
    emit(k, z);
    t0 = t1;
  }
  return steps;
}
