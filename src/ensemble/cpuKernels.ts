import { Stream } from '../random/distributions.ts';
import type { Key } from '../random/philox.ts';
import { generatorOf } from '../random/generator.ts';
import type { OptimizerDescriptor } from '../optimizers/index.ts';
import type { ProblemDescriptor } from '../problems/index.ts';
import type { ResolvedEnsemble } from './config.ts';
import { advanceTrajectory } from './cpuTrajectory.ts';
import { fillNormals, normalLane0, uniformLane0 } from './cpuRandom.ts';

/**
 * The fast path of the `cpu` backend: the ensemble's state in flat Float64Arrays (d values
 * per trajectory, trajectory-major) and one in-place kernel per (problem, optimizer) that
 * advances a range of trajectories with no allocation per step.
 *
 * It is a second implementation of `advanceTrajectory` (src/ensemble/cpuTrajectory.ts: the
 * problems' `gradientSample` and the optimizers' pure `update`, which stay the readable
 * reference) and gives the same float64 numbers bit for bit: the same draws (cpuRandom.ts),
 * every expression in the reference's order of operations, the same divergence rule (a step
 * whose x, m or v is not finite is not accepted; the trajectory is frozen at the state before
 * it with `diverged = n`). test/cpu/cpuBackendBitExact.test.ts checks this over problems ×
 * optimizers × settings. A problem or optimizer without a kernel here runs the reference.
 */

/** The ensemble's state, flat: trajectory i's coordinates are [i·d, (i + 1)·d). */
export interface FlatState {
  readonly dimension: number;
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly v: Float64Array;
  readonly aux: Float64Array;
  /** Bias weights (r, r̄) of trajectory i at 2i, 2i + 1. */
  readonly bias: Float64Array;
  /** The step at which trajectory i diverged; 0 while live. */
  readonly diverged: Uint32Array;
}

/** Allocates the flat state of `trajectories` trajectories (on a SharedArrayBuffer if `shared`). */
export function allocateFlatState(
  trajectories: number,
  dimension: number,
  shared = false,
): FlatState {
  const f64 = (n: number) =>
    shared
      ? new Float64Array(new SharedArrayBuffer(8 * n))
      : new Float64Array(new ArrayBuffer(8 * n));
  return {
    dimension,
    x: f64(trajectories * dimension),
    m: f64(trajectories * dimension),
    v: f64(trajectories * dimension),
    aux: f64(trajectories * dimension),
    bias: f64(2 * trajectories),
    diverged: shared
      ? new Uint32Array(new SharedArrayBuffer(4 * trajectories))
      : new Uint32Array(trajectories),
  };
}

/**
 * Writes the stochastic gradient of the trajectory whose x is x[xo … xo + d) into g[0 … d),
 * drawing at (key, trajectory (global), stepIndex); `zeta` is scratch of ≥ d + 4 values.
 */
type GradientKernel = (
  x: Float64Array,
  xo: number,
  g: Float64Array,
  zeta: Float64Array,
  key: Key,
  trajectory: number,
  stepIndex: number,
) => void;

function num(values: Record<string, unknown>, name: string): number {
  const value = values[name];
  if (typeof value !== 'number') throw new Error(`cpu kernel: parameter ${name} is not a number`);
  return value;
}

/** The gradient kernel of a problem (undefined: no fast path, use the reference). */
export function gradientKernel(problem: ProblemDescriptor): GradientKernel | undefined {
  const params = problem.gpuParams() as Record<string, unknown>;
  const d = problem.dimension;
  switch (problem.name) {
    case 'quadratic-diag': {
      const lambdas = (problem as { lambdas?: Float64Array }).lambdas;
      if (!lambdas) return undefined;
      const sigma = num(params, 'sigma');
      const xStar = num(params, 'xStar');
      return (x, xo, g, zeta, key, trajectory, n) => {
        fillNormals(key, trajectory, n, 0, Stream.gradient, d, zeta, 0);
        for (let i = 0; i < d; i++)
          g[i] =
            (lambdas[i] as number) * ((x[xo + i] as number) - xStar) + sigma * (zeta[i] as number);
      };
    }
    case 'quadratic-dense': {
      const cholesky = (problem as { cholesky?: Float64Array }).cholesky;
      if (!cholesky) return undefined;
      const sigma = num(params, 'sigma');
      const xStar = num(params, 'xStar');
      const wBlock = Math.ceil(d / 4);
      return (x, xo, g, zeta, key, trajectory, n) => {
        fillNormals(key, trajectory, n, 0, Stream.gradient, d, zeta, 0);
        // a = L ζ into g, row by row (the order of matVec).
        for (let i = 0; i < d; i++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += (cholesky[i * d + j] as number) * (zeta[j] as number);
          g[i] = s;
        }
        const w = sigma * normalLane0(key, trajectory, n, wBlock, Stream.gradient);
        let form = 0;
        for (let i = 0; i < d; i++)
          form = form + ((x[xo + i] as number) - xStar) * (g[i] as number);
        const residual = form - w;
        for (let i = 0; i < d; i++) g[i] = (g[i] as number) * residual;
      };
    }
    case 'double-well': {
      const kappa = num(params, 'kappa');
      const sigma = num(params, 'sigma');
      return (x, xo, g, zeta, key, trajectory, n) => {
        fillNormals(key, trajectory, n, 0, Stream.gradient, 2, zeta, 0);
        const x1 = x[xo] as number;
        const x2 = x[xo + 1] as number;
        g[0] = x1 * (x1 * x1 - 1) + sigma * (zeta[0] as number);
        g[1] = kappa * x2 + sigma * (zeta[1] as number);
      };
    }
    case 'rosenbrock': {
      const sigma = num(params, 'sigma');
      return (x, xo, g, zeta, key, trajectory, n) => {
        fillNormals(key, trajectory, n, 0, Stream.gradient, 2, zeta, 0);
        const x1 = x[xo] as number;
        const x2 = x[xo + 1] as number;
        const b = x2 - x1 * x1;
        g[0] = -2 * (1 - x1) - 400 * x1 * b + sigma * (zeta[0] as number);
        g[1] = 200 * b + sigma * (zeta[1] as number);
      };
    }
    case 'quartic': {
      const sigma = num(params, 'sigma');
      return (x, xo, g, zeta, key, trajectory, n) => {
        fillNormals(key, trajectory, n, 0, Stream.gradient, d, zeta, 0);
        for (let i = 0; i < d; i++) {
          const v = x[xo + i] as number;
          g[i] = v * v * v + sigma * (zeta[i] as number);
        }
      };
    }
    case 'regression2d': {
      const pf = Math.fround(num(params, 'p'));
      const sigma = num(params, 'sigma');
      const xStar1 = num(params, 'xStar1');
      const xStar2 = num(params, 'xStar2');
      return (x, xo, g, _zeta, key, trajectory, n) => {
        const e1 = (x[xo] as number) - xStar1;
        const e2 = (x[xo + 1] as number) - xStar2;
        const bigX = uniformLane0(key, trajectory, n, 0, Stream.gradient) < pf ? 1 : 0;
        const noise = sigma * normalLane0(key, trajectory, n, 1, Stream.gradient);
        g[0] = bigX * (e1 - noise);
        g[1] = (1 - bigX) * (e2 - noise);
      };
    }
    case 'reddi': {
      const pf = Math.fround(num(params, 'probability'));
      const bigC = num(params, 'bigC');
      return (_x, _xo, g, _zeta, key, trajectory, n) => {
        g[0] = uniformLane0(key, trajectory, n, 0, Stream.gradient) < pf ? bigC : -1;
      };
    }
    default:
      return undefined;
  }
}

/** Scratch buffers of one kernel run (allocated once per `advanceFlat` call). */
interface Scratch {
  g: Float64Array;
  zeta: Float64Array;
  x: Float64Array;
  m: Float64Array;
  v: Float64Array;
  aux: Float64Array;
}

/**
 * One step of one trajectory: reads the state at offset o, writes the candidate next state
 * into the scratch arrays s.x, s.m, s.v, s.aux (and returns false when x, m or v is not
 * finite). bias holds (r, r̄) at bias[2t], bias[2t + 1]; the new weights go to `nextBias`.
 */
type UpdateKernel = (
  state: FlatState,
  o: number,
  t: number,
  s: Scratch,
  n: number,
  nextBias: Float64Array,
) => boolean;

/** γ_n, as `stepSize` (src/optimizers/hyper.ts). */
function gammaAt(gamma: number, kappa: number, n: number): number {
  return kappa === 0 ? gamma : gamma * n ** -kappa;
}

/** The update kernel of an optimizer (undefined: no fast path, use the reference). */
export function updateKernel(optimizer: OptimizerDescriptor, d: number): UpdateKernel | undefined {
  const h = optimizer.hyper;
  const { gamma, kappa, epsilon, epsilonRoot, momentum } = h;
  const debias = h.debias === 1;
  const scaled = h.scaled === 1;
  switch (optimizer.name) {
    case 'adam':
    case 'adam-nodebias':
    case 'adam-decreasing': {
      const keras = h.epsilonForm === 1;
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        const c1 = scaled ? h.a * gammaN : h.c1;
        const c2 = scaled ? h.b * gammaN : h.c2;
        const b0 = st.bias[2 * t] as number;
        const b1 = st.bias[2 * t + 1] as number;
        const r1 = b0 + c1 * (1 - b0);
        const r2 = b1 + c2 * (1 - b1);
        nb[0] = r1;
        nb[1] = r2;
        const kerasFactor = (gammaN * Math.sqrt(r2)) / r1;
        const { x, m, v } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const gi = g[i] as number;
          const mOld = m[o + i] as number;
          const vOld = v[o + i] as number;
          const mi = mOld + c1 * (gi - mOld);
          const vi = vOld + c2 * (gi ** 2 - vOld);
          const xOld = x[o + i] as number;
          let xi: number;
          if (keras) xi = xOld - kerasFactor * (mi / (Math.sqrt(vi) + epsilon));
          else {
            const mHat = debias ? mi / r1 : mi;
            const vHat = debias ? vi / r2 : vi;
            xi = xOld - (gammaN * mHat) / (epsilon + Math.sqrt(vHat + epsilonRoot));
          }
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    }
    case 'amsgrad':
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        const c1 = scaled ? h.a * gammaN : h.c1;
        const c2 = scaled ? h.b * gammaN : h.c2;
        const b0 = st.bias[2 * t] as number;
        const b1 = st.bias[2 * t + 1] as number;
        const r1 = b0 + c1 * (1 - b0);
        const r2 = b1 + c2 * (1 - b1);
        nb[0] = r1;
        nb[1] = r2;
        const { x, m, v, aux } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const gi = g[i] as number;
          const mOld = m[o + i] as number;
          const vOld = v[o + i] as number;
          const mi = mOld + c1 * (gi - mOld);
          const vi = vOld + c2 * (gi ** 2 - vOld);
          const ai = Math.max(aux[o + i] as number, vi);
          const mHat = debias ? mi / r1 : mi;
          const vHat = debias ? ai / r2 : ai;
          const xi = (x[o + i] as number) - (gammaN * mHat) / (epsilon + Math.sqrt(vHat));
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          s.aux[i] = ai;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    case 'rmsprop':
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        const c2 = scaled ? h.b * gammaN : h.c2;
        const b1 = st.bias[2 * t + 1] as number;
        const r2 = b1 + c2 * (1 - b1);
        nb[0] = st.bias[2 * t] as number;
        nb[1] = r2;
        const { x, m, v } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const gi = g[i] as number;
          const vOld = v[o + i] as number;
          const vi = vOld + c2 * (gi ** 2 - vOld);
          const vHat = debias ? vi / r2 : vi;
          const xi = (x[o + i] as number) - (gammaN * gi) / (epsilon + Math.sqrt(vHat));
          const mi = m[o + i] as number;
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    case 'adagrad':
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        nb[0] = st.bias[2 * t] as number;
        nb[1] = st.bias[2 * t + 1] as number;
        const { x, m, v } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const gi = g[i] as number;
          const vi = (v[o + i] as number) + gi ** 2;
          const xi = (x[o + i] as number) - (gammaN * gi) / (epsilon + Math.sqrt(vi));
          const mi = m[o + i] as number;
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    case 'heavy-ball':
    case 'nesterov': {
      const nesterov = optimizer.name === 'nesterov';
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        nb[0] = st.bias[2 * t] as number;
        nb[1] = st.bias[2 * t + 1] as number;
        const { x, m, v } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const gi = g[i] as number;
          const mi = momentum * (m[o + i] as number) + gi;
          const xi = nesterov
            ? (x[o + i] as number) - gammaN * (gi + momentum * mi)
            : (x[o + i] as number) - gammaN * mi;
          const vi = v[o + i] as number;
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    }
    case 'sgd':
    case 'sgd-decreasing':
      return (st, o, t, s, n, nb) => {
        const gammaN = gammaAt(gamma, kappa, n);
        nb[0] = st.bias[2 * t] as number;
        nb[1] = st.bias[2 * t + 1] as number;
        const { x, m, v } = st;
        const g = s.g;
        let check = 0;
        for (let i = 0; i < d; i++) {
          const xi = (x[o + i] as number) - gammaN * (g[i] as number);
          const mi = m[o + i] as number;
          const vi = v[o + i] as number;
          s.x[i] = xi;
          s.m[i] = mi;
          s.v[i] = vi;
          check += xi * 0 + mi * 0 + vi * 0;
        }
        return check === 0;
      };
    default:
      return undefined;
  }
}

/**
 * Whether the draws of this ensemble are the ones of cpuRandom.ts (Philox or Threefry, by the
 * key's tag, which resolveEnsemble sets from `rng`).
 */
function fastPathDraws(resolved: ResolvedEnsemble): boolean {
  return generatorOf(resolved.key) === resolved.rng;
}

/** Whether the fast path covers this ensemble (else `advanceFlat` runs the reference). */
export function hasFastPath(resolved: ResolvedEnsemble): boolean {
  const first = resolved.groups[0];
  return (
    fastPathDraws(resolved) &&
    gradientKernel(resolved.problem) !== undefined &&
    first !== undefined &&
    updateKernel(first, resolved.problem.dimension) !== undefined
  );
}

/**
 * Steps n = from + 1 … to of the local trajectories first … end - 1 of `state`, in place.
 * Identical, bit for bit, to `advanceTrajectory` on each of them. `state` holds the
 * trajectories from `base` on (row t - base is trajectory t): 0 for the ensemble's whole
 * state, `first` for the copy of one range that a Web Worker advances (cpuWebWorkers.ts).
 */
export function advanceFlat(
  resolved: ResolvedEnsemble,
  state: FlatState,
  first: number,
  end: number,
  from: number,
  to: number,
  base = 0,
): void {
  const { problem, key } = resolved;
  const d = problem.dimension;
  const gradient = fastPathDraws(resolved) ? gradientKernel(problem) : undefined;
  const updates = resolved.groups.map((o) => updateKernel(o, d));
  const reddi = problem.name === 'reddi';
  const s: Scratch = {
    g: new Float64Array(d),
    zeta: new Float64Array(d + 4),
    x: new Float64Array(d),
    m: new Float64Array(d),
    v: new Float64Array(d),
    aux: new Float64Array(d),
  };
  const nextBias = new Float64Array(2);
  const { x, m, v, aux, bias, diverged } = state;
  for (let t = first; t < end; t++) {
    // k: the trajectory's row in `state`, which holds trajectories [base, base + rows).
    const k = t - base;
    if (diverged[k] !== 0) continue;
    const group = Math.floor(t / resolved.groupSize);
    const update = updates[group];
    const global = resolved.firstTrajectory + t;
    const o = k * d;
    if (!gradient || !update) {
      advanceReference(resolved, state, t, from, to, base);
      continue;
    }
    // aux changes only under amsgrad; the others keep it (s.aux is then the old aux).
    const amsgrad = resolved.groups[group]?.name === 'amsgrad';
    for (let n = from + 1; n <= to; n++) {
      gradient(x, o, s.g, s.zeta, key, global, n);
      let ok = update(state, o, k, s, n, nextBias);
      if (reddi) {
        // The projection comes before the finiteness check (as in advanceTrajectory).
        const clamped = Math.min(1, Math.max(-1, s.x[0] as number));
        s.x[0] = clamped;
        ok =
          Number.isFinite(clamped) &&
          Number.isFinite(s.m[0] as number) &&
          Number.isFinite(s.v[0] as number);
      }
      if (!ok) {
        diverged[k] = n;
        break;
      }
      for (let i = 0; i < d; i++) {
        x[o + i] = s.x[i] as number;
        m[o + i] = s.m[i] as number;
        v[o + i] = s.v[i] as number;
      }
      if (amsgrad) for (let i = 0; i < d; i++) aux[o + i] = s.aux[i] as number;
      bias[2 * k] = nextBias[0] as number;
      bias[2 * k + 1] = nextBias[1] as number;
    }
  }
}

/** The reference path on one flat trajectory (for problems or optimizers without a kernel). */
function advanceReference(
  resolved: ResolvedEnsemble,
  state: FlatState,
  t: number,
  from: number,
  to: number,
  base: number,
): void {
  const d = state.dimension;
  const k = t - base;
  const o = k * d;
  const slice = (a: Float64Array) => a.slice(o, o + d);
  const next = advanceTrajectory(
    resolved,
    t,
    {
      state: {
        x: slice(state.x),
        m: slice(state.m),
        v: slice(state.v),
        aux: slice(state.aux),
        bias: [state.bias[2 * k] as number, state.bias[2 * k + 1] as number],
      },
      divergedAtStep: undefined,
    },
    from,
    to,
  );
  state.x.set(next.state.x, o);
  state.m.set(next.state.m, o);
  state.v.set(next.state.v, o);
  state.aux.set(next.state.aux, o);
  state.bias[2 * k] = next.state.bias[0];
  state.bias[2 * k + 1] = next.state.bias[1];
  state.diverged[k] = next.divergedAtStep ?? 0;
}
