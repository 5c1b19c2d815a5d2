import type { Derivative } from '../rhs.ts';

/**
 * Dormand–Prince 5(4) with PI step-size control and the continuous extension of Hairer,
 * Nørsett and Wanner (Solving ODEs I, section II.5/II.6, code DOPRI5), in float64: the twin of
 * shaders/integrators/dopri5.wgsl and shaders/kernels/ode_adaptive.wgsl.
 */

/** Butcher tableau (c_i, a_ij), 5th-order weights b (= row 7, FSAL) and error weights e = b - b̂. */
export const DOPRI5 = {
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  e: [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40],
  /** Dense-output weights d_i of the 4th-order continuous extension. */
  dense: [
    -12715105075 / 11282082432,
    0,
    87487479700 / 32700410799,
    -10690763975 / 1880347072,
    701980252875 / 199316789632,
    -1453857185 / 822651844,
    69997945 / 29380423,
  ],
} as const;

/** Step-size control settings (times in the units of t). */
export interface AdaptiveSettings {
  rtol: number;
  atol: number;
  dtMin: number;
  dtMax: number;
  /** First step; undefined: Hairer's starting-step heuristic. */
  initialStep: number | undefined;
  /** Maximum step attempts (accepted + rejected). */
  maxSteps: number;
  /** Number of evolving components, the denominator of the RMS error norm. */
  errorComponents: number;
  /** Applied in place to every accepted state and dense output (box constraints). */
  project?: (z: Float64Array) => void;
}

/** PI controller constants (Hairer's DOPRI5 defaults). */
export const PI_CONTROL = {
  safety: 0.9,
  alpha: 0.17,
  beta: 0.04,
  facMin: 0.2,
  facMax: 10,
} as const;

/** How a trajectory's solve ended. */
export type SolveStatus = 'done' | 'max-steps' | 'step-underflow' | 'non-finite';

export interface AdaptiveResult {
  accepted: number;
  rejected: number;
  status: SolveStatus;
}

/** One attempted step: the 5th-order result, the seven stages and the scaled RMS error. */
export interface StepAttempt {
  zNew: Float64Array;
  k: Float64Array[];
  err: number;
}

function combine(
  z: Float64Array,
  h: number,
  weights: readonly number[],
  k: Float64Array[],
): Float64Array {
  return z.map((zj, j) => {
    let sum = 0;
    weights.forEach((w, l) => (sum += w * (k[l]?.[j] ?? 0)));
    return zj + h * sum;
  });
}

/** Stages 2..7 from k1 = f(t, z); z_new is the row-7 (FSAL) combination, k7 = f(t + h, z_new). */
export function dopri5Attempt(
  f: Derivative,
  t: number,
  h: number,
  z: Float64Array,
  k1: Float64Array,
  s: AdaptiveSettings,
): StepAttempt {
  const n = z.length;
  const k: Float64Array[] = [k1];
  for (let i = 1; i < 7; i++) {
    const stage = combine(z, h, DOPRI5.a[i] ?? [], k);
    const ki = new Float64Array(n);
    f(t + (DOPRI5.c[i] ?? 0) * h, stage, ki);
    k.push(ki);
    if (i === 6) return finish(z, stage, k, h, s);
  }
  throw new Error('dopri5Attempt: unreachable');
}

function finish(
  z: Float64Array,
  zNew: Float64Array,
  k: Float64Array[],
  h: number,
  s: AdaptiveSettings,
): StepAttempt {
  let sum = 0;
  for (let j = 0; j < z.length; j++) {
    let e = 0;
    for (let l = 0; l < 7; l++) e += (DOPRI5.e[l] ?? 0) * (k[l]?.[j] ?? 0);
    const scale = s.atol + s.rtol * Math.max(Math.abs(z[j] ?? 0), Math.abs(zNew[j] ?? 0));
    sum += ((h * e) / scale) ** 2;
  }
  return { zNew, k, err: Math.sqrt(sum / s.errorComponents) };
}

/** The continuous extension (4th order) at t + θh, θ in [0, 1]. */
export function dopri5Dense(
  z: Float64Array,
  a: StepAttempt,
  h: number,
  theta: number,
): Float64Array {
  const { zNew, k } = a;
  return z.map((z0, j) => {
    const r2 = (zNew[j] ?? 0) - z0;
    const r3 = h * (k[0]?.[j] ?? 0) - r2;
    const r4 = r2 - h * (k[6]?.[j] ?? 0) - r3;
    let r5 = 0;
    for (let l = 0; l < 7; l++) r5 += (DOPRI5.dense[l] ?? 0) * (k[l]?.[j] ?? 0);
    r5 *= h;
    return z0 + theta * (r2 + (1 - theta) * (r3 + theta * (r4 + (1 - theta) * r5)));
  });
}

function rms(a: Float64Array, scale: Float64Array, n: number): number {
  let sum = 0;
  a.forEach((ai, j) => (sum += (ai / (scale[j] ?? 1)) ** 2));
  return Math.sqrt(sum / n);
}

/** Hairer's starting step (Solving ODEs I, II.4): h ~ 0.01 ‖z‖/‖f‖, refined by a 2nd derivative. */
export function initialStepSize(
  f: Derivative,
  z: Float64Array,
  k1: Float64Array,
  s: AdaptiveSettings,
): number {
  const scale = z.map((zj) => s.atol + s.rtol * Math.abs(zj));
  const d0 = rms(z, scale, s.errorComponents);
  const d1 = rms(k1, scale, s.errorComponents);
  const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
  const k2 = new Float64Array(z.length);
  f(
    h0,
    z.map((zj, j) => zj + h0 * (k1[j] ?? 0)),
    k2,
  );
  const d2 =
    rms(
      k2.map((kj, j) => kj - (k1[j] ?? 0)),
      scale,
      s.errorComponents,
    ) / h0;
  const top = Math.max(d1, d2);
  const h1 = top <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / top) ** (1 / 5);
  return Math.min(100 * h0, h1);
}

/**
 * Integrates one trajectory from t = 0 to `finalTime`, emitting the dense output at every
 * `outputTimes[k]` (ascending, in [0, finalTime]) through `emit(k, z)`.
 */
export function solveDopri5(
  f: Derivative,
  z0: Float64Array,
  finalTime: number,
  outputTimes: ArrayLike<number>,
  s: AdaptiveSettings,
  emit: (index: number, z: Float64Array) => void,
): AdaptiveResult {
  let z: Float64Array = z0;
  let t = 0;
  let next = 0;
  while (next < outputTimes.length && (outputTimes[next] ?? 0) <= 0) emit(next++, z);
  let k1: Float64Array = new Float64Array(z.length);
  f(0, z, k1);
  let h = s.initialStep ?? initialStepSize(f, z, k1, s);
  let errPrev = 1e-4;
  let lastRejected = false;
  const result: AdaptiveResult = { accepted: 0, rejected: 0, status: 'done' };
  while (t < finalTime) {
    if (result.accepted + result.rejected >= s.maxSteps) return { ...result, status: 'max-steps' };
    h = Math.min(Math.max(h, s.dtMin), s.dtMax);
    const last = t + h >= finalTime;
    const hTry = last ? finalTime - t : h;
    const step = dopri5Attempt(f, t, hTry, z, k1, s);
    if (!Number.isFinite(step.err)) return { ...result, status: 'non-finite' };
    if (step.err > 1 && hTry <= s.dtMin) return { ...result, status: 'step-underflow' };
    if (step.err > 1) {
      result.rejected++;
      h = hTry * Math.max(PI_CONTROL.facMin, PI_CONTROL.safety * step.err ** -0.2);
      lastRejected = true;
      continue;
    }
    const tNew = last ? finalTime : t + hTry;
    while (next < outputTimes.length && ((outputTimes[next] ?? 0) <= tNew || last)) {
      const theta = Math.min(1, Math.max(0, ((outputTimes[next] ?? 0) - t) / hTry));
      const zOut = dopri5Dense(z, step, hTry, theta);
      s.project?.(zOut);
      emit(next++, zOut);
    }
    result.accepted++;
    const err = Math.max(step.err, 1e-4);
    let factor = PI_CONTROL.safety * err ** -PI_CONTROL.alpha * errPrev ** PI_CONTROL.beta;
    factor = Math.min(lastRejected ? 1 : PI_CONTROL.facMax, Math.max(PI_CONTROL.facMin, factor));
    h = hTry * factor;
    errPrev = err;
    lastRejected = false;
    z = step.zNew;
    s.project?.(z);
    k1 = step.k[6] ?? k1;
    t = tNew;
  }
  return result;
}
