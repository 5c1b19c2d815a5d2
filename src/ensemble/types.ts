import type { OptimizerState } from '../optimizers/types.ts';
import type { ResolvedEnsemble } from './config.ts';
import type { TrajectoryPath } from './cpuTrajectory.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';

/** The state of one trajectory and, if it diverged, the step where it was detected. */
export interface TrajectoryState {
  state: OptimizerState;
  divergedAtStep: number | undefined;
}

/** What both backends (`webgpu`: GpuEnsemble, `cpu`: CpuEnsemble) offer. */
export interface Ensemble {
  readonly backend: 'webgpu' | 'cpu';
  readonly resolved: ResolvedEnsemble;
  /** Steps done so far. */
  readonly step: number;
  advance(steps: number): Promise<void>;
  /** One record per hyperparameter group. */
  record(): Promise<EnsembleRecord[]>;
  /** Per-coordinate mean and variance of x, per group. */
  finalMoments(): Promise<FinalMoments[]>;
  /** Paths of the tracked trajectories at every record so far. */
  trackedPaths(): Promise<TrajectoryPath[]>;
  readTrajectory(trajectory: number): Promise<TrajectoryState>;
  /** Recomputes one trajectory in float64 from its seed (the CPU oracle of any GPU trajectory). */
  replayTrajectory(
    trajectory: number,
    steps?: number,
    recordEvery?: number,
  ): TrajectoryPath & { final: TrajectoryState };
  destroy(): void;
}
