import { summarizeSegments } from '../stats/summary.ts';
import {
  checkAdvanceSteps,
  physicalTime,
  resolveCpuWorkers,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
import { advanceFlat, allocateFlatState, hasFastPath, type FlatState } from './cpuKernels.ts';
import { browserCores, CpuWebWorkerPool, hasWebWorkers } from './cpuWebWorkers.ts';
import { availableCores, CpuWorkerPool, isNode } from './cpuWorkers.ts';
import { initialTrajectoryState, replayTrajectory, type TrajectoryPath } from './cpuTrajectory.ts';
import {
  metricStats,
  RECORD_QUANTILES,
  type EnsembleRecord,
  type FinalMoments,
} from './records.ts';
import { isNetworkProblem, networkAccuracies } from './networkEnsemble.ts';
import { checkStateShape } from './stateShape.ts';
import type { Ensemble, EnsembleState, TrajectoryState } from './types.ts';
import { yieldEvery } from './yieldEvery.ts';

/**
 * The `cpu` backend: the same ensemble in float64 with the same random draws (the oracle of
 * GpuEnsemble, and the fallback without WebGPU). Quantiles are exact (sorting).
 *
 * @example
 * const ensemble = CpuEnsemble.create({ ...config, trajectories: 64 });
 * await ensemble.advance(100);
 */
export class CpuEnsemble implements Ensemble {
  readonly backend = 'cpu';
  private stepsDone = 0;
  /** Every trajectory's state, flat (see cpuKernels.ts). */
  private readonly flat: FlatState;
  private readonly paths: TrajectoryPath[];

  /** Workers wanted (1: none; `cores`: one per core, at most 8), and the pool once started. */
  private readonly wantedWorkers: number | 'cores';
  private readonly autoWorkers: boolean;
  private pool: Promise<CpuPool | undefined> | undefined;

  private constructor(
    readonly resolved: ResolvedEnsemble,
    private readonly config: EnsembleConfig,
  ) {
    const d = resolved.problem.dimension;
    const workers = resolveCpuWorkers(config.workers);
    this.autoWorkers = workers === 'auto';
    const wanted =
      workers === 'auto'
        ? resolved.trajectories * d >= AUTO_WORKERS_MIN_SIZE
          ? 'cores'
          : 1
        : workers;
    // Node: worker threads on a SharedArrayBuffer; a browser: Web Workers on copies.
    const node = isNode();
    this.wantedWorkers = (node || hasWebWorkers()) && hasFastPath(resolved) ? wanted : 1;
    this.flat = allocateFlatState(resolved.trajectories, d, node && this.wantedWorkers !== 1);
    for (let i = 0; i < resolved.trajectories; i++) {
      const state = initialTrajectoryState(resolved, i);
      this.flat.x.set(state.x, i * d);
      this.flat.m.set(state.m, i * d);
      this.flat.v.set(state.v, i * d);
      this.flat.aux.set(state.aux, i * d);
      this.flat.bias[2 * i] = state.bias[0];
      this.flat.bias[2 * i + 1] = state.bias[1];
    }
    this.paths = resolved.track.map((local) => ({
      trajectory: resolved.firstTrajectory + local,
      steps: [],
      x: [],
    }));
  }

  static create(config: EnsembleConfig): CpuEnsemble {
    return new CpuEnsemble(resolveEnsemble(config), config);
  }

  /** Workers this ensemble uses for large advances (1: the calling thread only). */
  async workers(): Promise<number> {
    if (this.wantedWorkers === 1) return 1;
    return (await this.openPool())?.size ?? 1;
  }

  private openPool(): Promise<CpuPool | undefined> {
    this.pool ??= (async () => {
      const n = this.resolved.trajectories;
      const node = isNode();
      const cores = Math.min(8, node ? await availableCores() : browserCores());
      const count = Math.min(n, this.wantedWorkers === 'cores' ? cores : this.wantedWorkers);
      return node
        ? CpuWorkerPool.open(this.config, this.flat, n, count)
        : CpuWebWorkerPool.open(this.config, this.flat, n, count);
    })();
    return this.pool;
  }

  get step(): number {
    return this.stepsDone;
  }

  async advance(steps: number): Promise<void> {
    checkAdvanceSteps(steps, this.stepsDone);
    const to = this.stepsDone + steps;
    const n = this.resolved.trajectories;
    const work = steps * n * this.resolved.problem.dimension;
    if (
      this.wantedWorkers !== 1 &&
      steps > 0 &&
      (!this.autoWorkers || work >= AUTO_WORKERS_MIN_WORK)
    ) {
      const pool = await this.openPool();
      if (pool) {
        await pool.run(this.stepsDone, to);
        this.stepsDone = to;
        return;
      }
    }
    const pause = yieldEvery(100);
    // Slices of at most about 2^18 coordinate-updates (a few ms to a few tens of ms) between
    // chances to yield to the event loop, cut across trajectories and, when one trajectory's
    // steps are more than that, across steps too (the state carries over exactly, so the
    // result is the same bit for bit): a page on this backend is never blocked for long.
    const d = this.resolved.problem.dimension;
    const budget = 2 ** 18;
    const stepChunk = Math.max(1, Math.min(steps, Math.floor(budget / d)));
    const slice = Math.max(1, Math.min(64, Math.floor(budget / (stepChunk * d))));
    for (let from = this.stepsDone; from < to; from += stepChunk) {
      const end = Math.min(to, from + stepChunk);
      for (let first = 0; first < n; first += slice) {
        advanceFlat(this.resolved, this.flat, first, Math.min(n, first + slice), from, end);
        await pause();
      }
    }
    this.stepsDone = to;
    await Promise.resolve();
  }

  /** Lets the event loop run (signals, timers): the cpu backend's dispatch boundary. */
  async synchronize(): Promise<void> {
    await new Promise<void>((done) => setTimeout(done, 0));
  }

  /** The state of local trajectory i (copies). */
  private trajectoryAt(i: number): TrajectoryState {
    const d = this.resolved.problem.dimension;
    const slice = (a: Float64Array) => a.slice(i * d, (i + 1) * d);
    const diverged = this.flat.diverged[i] ?? 0;
    return {
      state: {
        x: slice(this.flat.x),
        m: slice(this.flat.m),
        v: slice(this.flat.v),
        aux: slice(this.flat.aux),
        bias: [this.flat.bias[2 * i] ?? 0, this.flat.bias[2 * i + 1] ?? 0],
      },
      divergedAtStep: diverged === 0 ? undefined : diverged,
    };
  }

  /** F, ‖∇F‖ and dist of every trajectory (NaN when diverged or not finite). */
  trajectoryMetrics(): { F: Float64Array; gradNorm: Float64Array; dist: Float64Array } {
    const n = this.resolved.trajectories;
    const d = this.resolved.problem.dimension;
    const F = new Float64Array(n);
    const gradNorm = new Float64Array(n);
    const dist = new Float64Array(n);
    const { problem } = this.resolved;
    for (let i = 0; i < n; i++) {
      const dead = (this.flat.diverged[i] ?? 0) !== 0;
      const x = this.flat.x.subarray(i * d, (i + 1) * d);
      F[i] = dead ? NaN : problem.value(x);
      gradNorm[i] = dead ? NaN : Math.hypot(...problem.meanGradient(x));
      dist[i] = dead ? NaN : Math.sqrt(problem.criticalDistanceSq(x));
    }
    return { F, gradNorm, dist };
  }

  async record(): Promise<EnsembleRecord[]> {
    const { F, gradNorm, dist } = this.trajectoryMetrics();
    const { problem } = this.resolved;
    // Network problems: the test accuracy as a 4th metric (as the GPU's metrics buffer).
    const accuracy = isNetworkProblem(problem)
      ? networkAccuracies(problem, this.flat.x, problem.dimension, this.flat.diverged)
      : undefined;
    const stride = accuracy ? 4 : 3;
    const all = new Float64Array(F.length * stride);
    for (let i = 0; i < F.length; i++) {
      all[stride * i] = F[i] ?? NaN;
      all[stride * i + 1] = gradNorm[i] ?? NaN;
      all[stride * i + 2] = dist[i] ?? NaN;
      if (accuracy) all[stride * i + 3] = accuracy[i] ?? NaN;
    }
    this.lastMetrics = all;
    this.lastStride = stride;
    const segments = this.resolved.groups.length;
    const options = { segments, quantiles: RECORD_QUANTILES };
    const [sF, sG, sD] = [F, gradNorm, dist].map((values) => summarizeSegments(values, options));
    const sA = accuracy ? summarizeSegments(accuracy, options) : undefined;
    const d = this.resolved.problem.dimension;
    this.paths.forEach((path) => {
      const local = path.trajectory - this.resolved.firstTrajectory;
      path.steps.push(this.stepsDone);
      path.x.push(Array.from(this.flat.x.subarray(local * d, (local + 1) * d)));
    });
    return this.resolved.groups.map((optimizer, g) => {
      const f = sF?.[g];
      const gn = sG?.[g];
      const di = sD?.[g];
      if (!f || !gn || !di) throw new Error('CpuEnsemble.record: missing summary');
      return {
        group: this.resolved.firstGroup + g,
        step: this.stepsDone,
        t: physicalTime(optimizer, this.stepsDone),
        F: metricStats(f),
        gradNorm: metricStats(gn),
        dist: metricStats(di),
        diverged: f.nonFinite,
        count: f.count,
        ...(sA?.[g] ? { accuracy: metricStats(sA[g]) } : {}),
      };
    });
  }

  private lastMetrics: Float64Array | undefined;
  private lastStride = 3;

  async recordedMetrics(): Promise<{ values: Float64Array; stride: number }> {
    return { values: this.lastMetrics ?? new Float64Array(0), stride: this.lastStride };
  }

  async finalMoments(): Promise<FinalMoments[]> {
    const { groupSize, problem } = this.resolved;
    const d = problem.dimension;
    const { x, diverged } = this.flat;
    return this.resolved.groups.map((_, g) => {
      const live: number[] = [];
      for (let i = g * groupSize; i < (g + 1) * groupSize; i++)
        if ((diverged[i] ?? 0) === 0) live.push(i);
      const xMean = Array.from(
        { length: d },
        (_, c) => live.reduce((s, t) => s + (x[t * d + c] ?? 0), 0) / live.length,
      );
      const xVar = xMean.map(
        (mean, c) => live.reduce((s, t) => s + ((x[t * d + c] ?? 0) - mean) ** 2, 0) / live.length,
      );
      return { group: this.resolved.firstGroup + g, xMean, xVar, count: live.length };
    });
  }

  async trackedPaths(): Promise<TrajectoryPath[]> {
    return this.paths.map((p) => ({ ...p, steps: [...p.steps], x: p.x.map((x) => [...x]) }));
  }

  async readTrajectory(trajectory: number): Promise<TrajectoryState> {
    if (!Number.isInteger(trajectory) || trajectory < 0 || trajectory >= this.resolved.trajectories)
      throw new Error(`readTrajectory: no trajectory ${trajectory}`);
    return this.trajectoryAt(trajectory);
  }

  async divergedSteps(count = this.resolved.trajectories): Promise<(number | undefined)[]> {
    const n = Math.min(count, this.resolved.trajectories);
    return Array.from(this.flat.diverged.subarray(0, n), (flag) => (flag === 0 ? undefined : flag));
  }

  async exportState(): Promise<EnsembleState> {
    const { trajectories, problem } = this.resolved;
    return {
      backend: 'cpu',
      step: this.stepsDone,
      trajectories,
      dimension: problem.dimension,
      x: this.flat.x.slice(),
      m: this.flat.m.slice(),
      v: this.flat.v.slice(),
      aux: this.flat.aux.slice(),
      bias: this.flat.bias.slice(),
      diverged: this.flat.diverged.slice(),
      paths: await this.trackedPaths(),
    };
  }

  async importState(state: EnsembleState): Promise<void> {
    const { trajectories, problem } = this.resolved;
    const d = problem.dimension;
    checkStateShape(state, 'cpu', trajectories, d, Float64Array, d, 2);
    this.flat.x.set(state.x);
    this.flat.m.set(state.m);
    this.flat.v.set(state.v);
    this.flat.aux.set(state.aux);
    this.flat.bias.set(state.bias);
    this.flat.diverged.set(state.diverged);
    this.paths.splice(
      0,
      this.paths.length,
      ...state.paths.map((p) => ({ ...p, steps: [...p.steps], x: p.x.map((x) => [...x]) })),
    );
    this.stepsDone = state.step;
    await Promise.resolve();
  }

  replayTrajectory(
    trajectory: number,
    steps = this.stepsDone,
    recordEvery = 0,
  ): TrajectoryPath & { final: TrajectoryState } {
    return replayTrajectory(this.resolved, trajectory, steps, recordEvery);
  }

  destroy(): void {
    void this.pool?.then((pool) => pool?.close());
    this.pool = undefined;
  }
}

/** What the ensemble needs of a pool of workers (Node: CpuWorkerPool; a browser: CpuWebWorkerPool). */
interface CpuPool {
  readonly size: number;
  run(from: number, to: number): Promise<void>;
  close(): void;
}

/** `workers: 'auto'` starts workers from N·d ≥ this (see EnsembleConfig.workers)... */
const AUTO_WORKERS_MIN_SIZE = 65536;
/** ... and uses them for an advance of ≥ this many coordinate-updates (about 0.25 s on one core; starting the workers costs about 0.5 s once). */
const AUTO_WORKERS_MIN_WORK = 2 ** 22;
