import { ParameterError } from '../errors.ts';
import { checkShape, shape } from '../problems/shape.ts';
import { substepCount } from './integrators/fixedStep.ts';
import type { ProblemDescriptor } from '../problems/types.ts';
import type { OdeProblem } from './problem.ts';
import { toOdeProblem } from './problemAdapter.ts';
import { ODE_KINDS, type OdeCoefficients, type OdeKind } from './systems.ts';

/** Integration methods: explicit Euler, classical RK4 (fixed steps) and Dormand–Prince 5(4). */
export type OdeMethod = 'euler' | 'rk4' | 'dopri5';

/** A random cloud of initial points x0 = center + spread·ζ, ζ ~ N(0, I) (Philox, stream 1). */
export interface OdeCloud {
  count: number;
  spread: number;
  seed: number | string;
  /** Default: `x0` of the config, else the origin. */
  center?: readonly number[];
}

/**
 * What `integrateOde` solves. Give either (a, b) or (gamma, alpha, beta), converted by the
 * paper's scaling a = (1 - α)/γ, b = (1 - β)/γ (Assumption 2.5).
 */
export interface OdeConfig {
  /** A catalogue problem (src/problems `createProblem(...)`) or a hand-made OdeProblem. */
  problem: OdeProblem | ProblemDescriptor;
  ode: OdeKind;
  a?: number;
  b?: number;
  gamma?: number;
  alpha?: number;
  beta?: number;
  /** ε of ADAM (outside the square root). Default 1e-8. */
  epsilon?: number;
  /** Friction λ of `heavy-ball`. */
  lambda?: number;
  /** Initial velocity of `heavy-ball` / `heavy-ball-frozen` (default 0). */
  velocity?: readonly number[];
  /** The frozen v of `heavy-ball-frozen` (default S(x0) per trajectory). */
  frozenV?: readonly number[];
  /** One initial point (length d); or `points`; or `cloud`. */
  x0?: readonly number[];
  /** Several initial points (a grid, ...), each of length d. */
  points?: readonly (readonly number[])[];
  cloud?: OdeCloud;
  /** Final time T > 0. */
  finalTime: number;
  method: OdeMethod;
  /** Fixed step (euler, rk4), or the first step of dopri5 (default: Hairer's heuristic). */
  dt?: number;
  rtol?: number;
  atol?: number;
  dtMin?: number;
  dtMax?: number;
  /** Output times in [0, T], ascending; default 101 equispaced times from 0 to T. */
  outputTimes?: readonly number[];
  /** Step attempts per trajectory (default 1e6). */
  maxSteps?: number;
  /**
   * Statistics over trajectories (`result.statistics`, see `summarizeOde`); on webgpu they are
   * reduced on the GPU. Default: when there is more than one trajectory.
   */
  statistics?: boolean;
  /** webgpu: read the per-trajectory records back (default: when N · K ≤ 2^20). */
  readRecords?: boolean;
}

/** A config with every default filled in and every range checked. */
export interface ResolvedOdeConfig {
  problem: OdeProblem;
  ode: OdeKind;
  coefficients: OdeCoefficients;
  method: OdeMethod;
  finalTime: number;
  dt: number | undefined;
  rtol: number;
  atol: number;
  dtMin: number;
  dtMax: number;
  maxSteps: number;
  outputTimes: Float64Array;
  velocity: readonly number[] | undefined;
  frozenV: readonly number[] | undefined;
  statistics: boolean | undefined;
  readRecords: boolean | undefined;
  /** Warnings the caller should show (e.g. b > 4a voids the Lyapunov guarantee). */
  warnings: string[];
}

const USES_AB: readonly OdeKind[] = ['adam', 'adam-autonomous', 'heavy-ball-adam'];

function positive(name: string, value: number | undefined, allowed = '(0, ∞)'): number {
  if (value === undefined || !Number.isFinite(value) || value <= 0) {
    throw new ParameterError(name, value, allowed);
  }
  return value;
}

function resolveScaling(c: OdeConfig): { a: number; b: number } {
  if (c.gamma === undefined) return { a: c.a ?? Number.NaN, b: c.b ?? Number.NaN };
  if (c.a !== undefined || c.b !== undefined) {
    throw new ParameterError(
      'gamma',
      c.gamma,
      'absent when a or b is given (give a, b or γ, α, β)',
    );
  }
  const gamma = positive('gamma', c.gamma);
  const unit = (name: string, v: number | undefined) => {
    if (v === undefined || !(v >= 0 && v < 1)) throw new ParameterError(name, v, '[0, 1)');
    return v;
  };
  return { a: (1 - unit('alpha', c.alpha)) / gamma, b: (1 - unit('beta', c.beta)) / gamma };
}

function resolveCoefficients(c: OdeConfig, warnings: string[]): OdeCoefficients {
  if (!ODE_KINDS.includes(c.ode)) throw new ParameterError('ode', c.ode, ODE_KINDS.join(' | '));
  const scaled = resolveScaling(c);
  const needsA = c.ode !== 'heavy-ball' && c.ode !== 'gradient-flow';
  const needsB = USES_AB.includes(c.ode);
  const a = needsA ? positive('a', scaled.a) : (c.a ?? 1);
  const b = needsB ? positive('b', scaled.b) : (c.b ?? 1);
  const epsilon = needsA ? positive('epsilon', c.epsilon ?? 1e-8) : (c.epsilon ?? 1e-8);
  let lambda = c.lambda ?? 0;
  if (c.ode === 'heavy-ball') {
    if (c.lambda === undefined || !Number.isFinite(c.lambda) || c.lambda < 0) {
      throw new ParameterError('lambda', c.lambda, '[0, ∞) (friction of the heavy ball)');
    }
    lambda = c.lambda;
  }
  if (needsB && b > 4 * a) {
    warnings.push(
      `b = ${b} > 4a = ${4 * a}: the Lyapunov function V of docs/math.md section 4 is no longer guaranteed to decrease (Lemma 7.5 needs b ≤ 4a)`,
    );
  }
  return { a, b, epsilon, lambda };
}

function resolveOutputTimes(c: OdeConfig, finalTime: number): Float64Array {
  const times = c.outputTimes ?? Array.from({ length: 101 }, (_, k) => (finalTime * k) / 100);
  if (times.length === 0) throw new ParameterError('outputTimes', times, 'a non-empty list');
  times.forEach((t, k) => {
    const previous = k > 0 ? (times[k - 1] ?? 0) : 0;
    if (!(t >= previous && t <= finalTime)) {
      throw new ParameterError(`outputTimes[${k}]`, t, `ascending values in [0, T = ${finalTime}]`);
    }
  });
  return Float64Array.from(times);
}

/** The shape of an `OdeConfig` (types; the ranges are checked where they are resolved). */
const ODE_CONFIG_SHAPE = shape.object(
  {
    problem: shape.object({ dimension: 'number' }),
    ode: 'string',
    finalTime: 'number',
    method: 'string',
    a: 'number',
    b: 'number',
    gamma: 'number',
    alpha: 'number',
    beta: 'number',
    epsilon: 'number',
    lambda: 'number',
    x0: shape.array('number'),
    points: shape.array(shape.array('number')),
    cloud: shape.object(
      {
        count: 'number',
        spread: 'number',
        seed: shape.union('number', 'text'),
        center: shape.array('number'),
      },
      ['center'],
    ),
    dt: 'number',
    rtol: 'number',
    atol: 'number',
    outputTimes: shape.array('number'),
    maxSteps: 'number',
  },
  [
    'a',
    'b',
    'gamma',
    'alpha',
    'beta',
    'epsilon',
    'lambda',
    'x0',
    'points',
    'cloud',
    'dt',
    'rtol',
    'atol',
    'outputTimes',
    'maxSteps',
  ],
);

/** Checks that `c` is an object of the documented shape; throws a ParameterError naming the field. */
export function checkOdeConfigShape(c: unknown): void {
  if (c === null || typeof c !== 'object' || Array.isArray(c))
    throw new ParameterError(
      'config',
      c,
      'an object { problem, ode, finalTime, method, x0 | points | cloud, ... } (OdeConfig)',
    );
  checkShape(ODE_CONFIG_SHAPE, c, 'config');
}

/** Checks every parameter (throwing `ParameterError`) and fills in the defaults. */
export function resolveOdeConfig(c: OdeConfig): ResolvedOdeConfig {
  checkOdeConfigShape(c);
  const warnings: string[] = [];
  const coefficients = resolveCoefficients(c, warnings);
  const finalTime = positive('finalTime', c.finalTime);
  if (!['euler', 'rk4', 'dopri5'].includes(c.method)) {
    throw new ParameterError('method', c.method, "'euler' | 'rk4' | 'dopri5'");
  }
  const maxSteps = c.maxSteps ?? 1_000_000;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new ParameterError('maxSteps', maxSteps, 'an integer ≥ 1');
  }
  const outputTimes = resolveOutputTimes(c, finalTime);
  const dt = c.dt === undefined ? undefined : positive('dt', c.dt);
  if (c.method !== 'dopri5') {
    const step = positive('dt', dt, '(0, ∞) (required by fixed-step methods)');
    let steps = 0;
    outputTimes.forEach(
      (t, k) => (steps += substepCount(t - (k > 0 ? (outputTimes[k - 1] ?? 0) : 0), step)),
    );
    if (steps > maxSteps) {
      throw new ParameterError(
        'dt',
        step,
        `≥ about T/maxSteps = ${finalTime / maxSteps} (this dt needs ${steps} steps > maxSteps = ${maxSteps})`,
      );
    }
  }
  const dtMin = positive('dtMin', c.dtMin ?? 1e-10 * finalTime);
  const dtMax = positive('dtMax', c.dtMax ?? finalTime, `[dtMin = ${dtMin}, ∞)`);
  if (dtMax < dtMin) throw new ParameterError('dtMax', dtMax, `[dtMin = ${dtMin}, ∞)`);
  return {
    problem: toOdeProblem(c.problem),
    ode: c.ode,
    coefficients,
    method: c.method,
    finalTime,
    dt,
    rtol: positive('rtol', c.rtol ?? 1e-6),
    atol: positive('atol', c.atol ?? 1e-8),
    dtMin,
    dtMax,
    maxSteps,
    outputTimes,
    velocity: c.velocity,
    frozenV: c.frozenV,
    statistics: c.statistics,
    readRecords: c.readRecords,
    warnings,
  };
}
