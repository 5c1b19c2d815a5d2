import { summarizeSegments } from '../stats/summary.ts';
import {
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
import type { Ensemble, TrajectoryState } from './types.ts';

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
    this.paths = resolved.track.map((trajectory) => ({ trajectory, steps: [], x: [] }));
  }

  static create(config: EnsembleConfig): CpuEnsemble {
    return new CpuEnsemble(resolveEnsemble(config));
  }

  get step(): number {
    return this.stepsDone;
  }

  async advance(steps: number): Promise<void> {
    const to = this.stepsDone + steps;
    for (let i = 0; i < this.trajectories.length; i++) {
      const current = this.trajectories[i];
      if (current)
        this.trajectories[i] = advanceTrajectory(this.resolved, i, current, this.stepsDone, to);
    }
    this.stepsDone = to;
    await Promise.resolve();
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
    const segments = this.resolved.groups.length;
    const options = { segments, quantiles: RECORD_QUANTILES };
    const [sF, sG, sD] = [F, gradNorm, dist].map((values) => summarizeSegments(values, options));
    this.paths.forEach((path) => {
      const t = this.trajectories[path.trajectory];
      path.steps.push(this.stepsDone);
      path.x.push(Array.from(t?.state.x ?? []));
    });
    return this.resolved.groups.map((optimizer, g) => {
      const f = sF?.[g];
      const gn = sG?.[g];
      const di = sD?.[g];
      if (!f || !gn || !di) throw new Error('CpuEnsemble.record: missing summary');
      return {
        group: g,
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
      return { group: g, xMean, xVar };
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

  replayTrajectory(
    trajectory: number,
    steps = this.stepsDone,
    recordEvery = 0,
  ): TrajectoryPath & { final: TrajectoryState } {
    return replayTrajectory(this.resolved, trajectory, steps, recordEvery);
  }

  destroy(): void {}
}
