import { ParameterError } from '../errors.ts';
import { summarizeSegments } from '../stats/summary.ts';
import {
  checkAdvanceSteps,
  physicalTime,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
import {
  advanceTrajectory,
  initialTrajectoryState,
  replayTrajectory,
  type TrajectoryPath,
} from './cpuTrajectory.ts';
import {
  metricStats,
  RECORD_QUANTILES,
  type EnsembleRecord,
  type FinalMoments,
} from './records.ts';
import type { Ensemble, EnsembleState, TrajectoryState } from './types.ts';

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
  private readonly trajectories: TrajectoryState[];
  private readonly paths: TrajectoryPath[];

  private constructor(readonly resolved: ResolvedEnsemble) {
    this.trajectories = Array.from({ length: resolved.trajectories }, (_, i) => ({
      state: initialTrajectoryState(resolved, i),
      divergedAtStep: undefined,
    }));
    this.paths = resolved.track.map((local) => ({
      trajectory: resolved.firstTrajectory + local,
      steps: [],
      x: [],
    }));
  }

  static create(config: EnsembleConfig): CpuEnsemble {
    return new CpuEnsemble(resolveEnsemble(config));
  }

  get step(): number {
    return this.stepsDone;
  }

  async advance(steps: number): Promise<void> {
    checkAdvanceSteps(steps, this.stepsDone);
    const to = this.stepsDone + steps;
    const pause = yieldEvery(100);
    for (let i = 0; i < this.trajectories.length; i++) {
      const current = this.trajectories[i];
      if (current)
        this.trajectories[i] = advanceTrajectory(this.resolved, i, current, this.stepsDone, to);
      if ((i & 63) === 63) await pause();
    }
    this.stepsDone = to;
    await Promise.resolve();
  }

  /** Lets the event loop run (signals, timers): the cpu backend's dispatch boundary. */
  async synchronize(): Promise<void> {
    await new Promise<void>((done) => setTimeout(done, 0));
  }

  /** F, ‖∇F‖ and dist of every trajectory (NaN when diverged or not finite). */
  trajectoryMetrics(): { F: Float64Array; gradNorm: Float64Array; dist: Float64Array } {
    const n = this.trajectories.length;
    const F = new Float64Array(n);
    const gradNorm = new Float64Array(n);
    const dist = new Float64Array(n);
    const { problem } = this.resolved;
    this.trajectories.forEach(({ state, divergedAtStep }, i) => {
      const dead = divergedAtStep !== undefined;
      F[i] = dead ? NaN : problem.value(state.x);
      gradNorm[i] = dead ? NaN : Math.hypot(...problem.meanGradient(state.x));
      dist[i] = dead ? NaN : Math.sqrt(problem.criticalDistanceSq(state.x));
    });
    return { F, gradNorm, dist };
  }

  async record(): Promise<EnsembleRecord[]> {
    const { F, gradNorm, dist } = this.trajectoryMetrics();
    const all = new Float64Array(F.length * 3);
    for (let i = 0; i < F.length; i++) {
      all[3 * i] = F[i] ?? NaN;
      all[3 * i + 1] = gradNorm[i] ?? NaN;
      all[3 * i + 2] = dist[i] ?? NaN;
    }
    this.lastMetrics = all;
    const segments = this.resolved.groups.length;
    const options = { segments, quantiles: RECORD_QUANTILES };
    const [sF, sG, sD] = [F, gradNorm, dist].map((values) => summarizeSegments(values, options));
    this.paths.forEach((path) => {
      const t = this.trajectories[path.trajectory - this.resolved.firstTrajectory];
      path.steps.push(this.stepsDone);
      path.x.push(Array.from(t?.state.x ?? []));
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
      };
    });
  }

  private lastMetrics: Float64Array | undefined;

  async recordedMetrics(): Promise<{ values: Float64Array; stride: number }> {
    return { values: this.lastMetrics ?? new Float64Array(0), stride: 3 };
  }

  async finalMoments(): Promise<FinalMoments[]> {
    const { groupSize, problem } = this.resolved;
    const d = problem.dimension;
    return this.resolved.groups.map((_, g) => {
      const live = this.trajectories
        .slice(g * groupSize, (g + 1) * groupSize)
        .filter((t) => t.divergedAtStep === undefined);
      const xMean = Array.from(
        { length: d },
        (_, c) => live.reduce((s, t) => s + (t.state.x[c] ?? 0), 0) / live.length,
      );
      const xVar = xMean.map(
        (mean, c) => live.reduce((s, t) => s + ((t.state.x[c] ?? 0) - mean) ** 2, 0) / live.length,
      );
      return { group: this.resolved.firstGroup + g, xMean, xVar, count: live.length };
    });
  }

  async trackedPaths(): Promise<TrajectoryPath[]> {
    return this.paths.map((p) => ({ ...p, steps: [...p.steps], x: p.x.map((x) => [...x]) }));
  }

  async readTrajectory(trajectory: number): Promise<TrajectoryState> {
    const t = this.trajectories[trajectory];
    if (!t) throw new Error(`readTrajectory: no trajectory ${trajectory}`);
    return t;
  }

  async exportState(): Promise<EnsembleState> {
    const { trajectories, problem } = this.resolved;
    const d = problem.dimension;
    const blocks = { x: new Float64Array(trajectories * d), m: new Float64Array(trajectories * d) };
    const v = new Float64Array(trajectories * d);
    const aux = new Float64Array(trajectories * d);
    const bias = new Float64Array(trajectories * 2);
    const diverged = new Uint32Array(trajectories);
    this.trajectories.forEach(({ state, divergedAtStep }, i) => {
      blocks.x.set(state.x, i * d);
      blocks.m.set(state.m, i * d);
      v.set(state.v, i * d);
      aux.set(state.aux, i * d);
      bias[2 * i] = state.bias[0];
      bias[2 * i + 1] = state.bias[1];
      diverged[i] = divergedAtStep ?? 0;
    });
    return {
      backend: 'cpu',
      step: this.stepsDone,
      trajectories,
      dimension: d,
      ...blocks,
      v,
      aux,
      bias,
      diverged,
      paths: await this.trackedPaths(),
    };
  }

  async importState(state: EnsembleState): Promise<void> {
    const { trajectories, problem } = this.resolved;
    const d = problem.dimension;
    checkStateShape(state, 'cpu', trajectories, d, Float64Array, d, 2);
    for (let i = 0; i < trajectories; i++) {
      const slice = (a: Float32Array | Float64Array) =>
        Float64Array.from(a.subarray(i * d, (i + 1) * d));
      this.trajectories[i] = {
        state: {
          x: slice(state.x),
          m: slice(state.m),
          v: slice(state.v),
          aux: slice(state.aux),
          bias: [state.bias[2 * i] ?? 0, state.bias[2 * i + 1] ?? 0],
        },
        divergedAtStep: (state.diverged[i] ?? 0) === 0 ? undefined : state.diverged[i],
      };
    }
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

  destroy(): void {}
}

/**
 * A function that lets the event loop run (timers, signals) when `milliseconds` have passed
 * since it last did: long synchronous float64 loops stay interruptible.
 */
export function yieldEvery(milliseconds: number): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < milliseconds) return;
    await new Promise<void>((done) => setTimeout(done, 0));
    last = performance.now();
  };
}

/**
 * Checks that `state` fits an ensemble: backend, N, d, element type and the length of every
 * block (`perTrajectory` values of x, m, v, aux; `biasPerTrajectory` bias weights).
 */
export function checkStateShape(
  state: EnsembleState,
  backend: 'webgpu' | 'cpu',
  trajectories: number,
  dimension: number,
  type: Float32ArrayConstructor | Float64ArrayConstructor,
  perTrajectory: number,
  biasPerTrajectory: number,
): void {
  const refuse = (field: string, value: unknown, allowed: string): never => {
    throw new ParameterError(`state.${field}`, value, allowed);
  };
  if (state.backend !== backend)
    refuse(
      'backend',
      state.backend,
      `${backend} (a checkpoint continues on the backend that wrote it)`,
    );
  if (state.trajectories !== trajectories)
    refuse('trajectories', state.trajectories, `${trajectories}`);
  if (state.dimension !== dimension) refuse('dimension', state.dimension, `${dimension}`);
  if (!Number.isInteger(state.step) || state.step < 0) refuse('step', state.step, 'an integer ≥ 0');
  for (const name of ['x', 'm', 'v', 'aux'] as const) {
    const block = state[name];
    if (!(block instanceof type)) refuse(name, block?.constructor?.name, type.name);
    if (block.length !== trajectories * perTrajectory)
      refuse(`${name}.length`, block.length, `${trajectories * perTrajectory}`);
  }
  if (state.bias.length !== trajectories * biasPerTrajectory)
    refuse('bias.length', state.bias.length, `${trajectories * biasPerTrajectory}`);
  if (state.diverged.length !== trajectories)
    refuse('diverged.length', state.diverged.length, `${trajectories}`);
}
