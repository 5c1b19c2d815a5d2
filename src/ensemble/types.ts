import type { OptimizerState } from '../optimizers/types.ts';
import type { ResolvedEnsemble } from './config.ts';
import type { TrajectoryPath } from './cpuTrajectory.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';

/** The state of one trajectory and, if it diverged, the step where it was detected. */
export interface TrajectoryState {
  state: OptimizerState;
  divergedAtStep: number | undefined;
}

/**
 * Everything an ensemble needs to continue exactly where it was (a checkpoint): the step,
 * every trajectory's optimizer state as the backend stores it, the divergence flags and the
 * tracked paths so far. The random draws need no state: Philox is addressed by (key,
 * trajectory, step, block, stream), so a restored ensemble continues bit for bit.
 *
 * Layout: `webgpu` holds the GPU buffers as they are (float32, trajectory-major, 4 lanes per
 * 4-coordinate tile, lanes beyond d included; bias weights 2 per (trajectory, tile)); `cpu`
 * holds float64, d values per trajectory (bias weights 2 per trajectory).
 */
export interface EnsembleState {
  backend: 'webgpu' | 'cpu';
  step: number;
  trajectories: number;
  dimension: number;
  x: Float32Array | Float64Array;
  m: Float32Array | Float64Array;
  v: Float32Array | Float64Array;
  aux: Float32Array | Float64Array;
  bias: Float32Array | Float64Array;
  /** Per trajectory: the step at which it diverged, 0 while live. */
  diverged: Uint32Array;
  paths: TrajectoryPath[];
}

/** What both backends (`webgpu`: GpuEnsemble, `cpu`: CpuEnsemble) offer. */
export interface Ensemble {
  readonly backend: 'webgpu' | 'cpu';
  readonly resolved: ResolvedEnsemble;
  /** Steps done so far. */
  readonly step: number;
  /** Steps n = step + 1 … step + steps (an integer ≥ 0; the total stays ≤ MAX_STEPS). */
  advance(steps: number): Promise<void>;
  /** Resolves once the work submitted so far is done (a dispatch boundary). */
  synchronize(): Promise<void>;
  /** One record per hyperparameter group. */
  record(): Promise<EnsembleRecord[]>;
  /**
   * F, ‖∇F‖ and dist of every trajectory as of the last `record()` (NaN when diverged):
   * metric m (0: F, 1: ‖∇F‖, 2: dist) of trajectory i is `values[i·stride + m]`.
   */
  recordedMetrics(): Promise<{ values: Float32Array | Float64Array; stride: number }>;
  /** Per-coordinate mean and variance of x, per group. */
  finalMoments(): Promise<FinalMoments[]>;
  /** Paths of the tracked trajectories at every record so far. */
  trackedPaths(): Promise<TrajectoryPath[]>;
  readTrajectory(trajectory: number): Promise<TrajectoryState>;
  /**
   * The step at which each of the first `count` trajectories (default: all) diverged, or
   * undefined where it is finite: the `divergedAtStep` of readTrajectory, for many at once.
   */
  divergedSteps(count?: number): Promise<(number | undefined)[]>;
  /** Every trajectory's state, the step and the tracked paths (a checkpoint). */
  exportState(): Promise<EnsembleState>;
  /** Restores an `exportState()` of an ensemble of the same config and backend. */
  importState(state: EnsembleState): Promise<void>;
  /** Recomputes one trajectory in float64 from its seed (the CPU oracle of any GPU trajectory). */
  replayTrajectory(
    trajectory: number,
    steps?: number,
    recordEvery?: number,
  ): TrajectoryPath & { final: TrajectoryState };
  destroy(): void;
}
