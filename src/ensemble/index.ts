export { CpuEnsemble } from './cpuEnsemble.ts';
export { GpuEnsemble } from './gpuEnsemble.ts';
export {
  checkAdvanceSteps,
  estimateMemory,
  MAX_STEPS,
  MAX_TRAJECTORIES,
  physicalTime,
  resolveEnsemble,
  type EnsembleConfig,
  type MemoryEstimate,
  type ResolvedEnsemble,
} from './config.ts';
export { decodeCheckpoint, encodeCheckpoint, parseExact, stringifyExact } from './checkpoint.ts';
export { driveEnsemble, type DriveOptions, type DriveResult } from './driver.ts';
export type { TrajectoryPath } from './cpuTrajectory.ts';
export type { EnsembleRecord, FinalMoments, MetricStats } from './records.ts';
export type { Ensemble, EnsembleState, TrajectoryState } from './types.ts';
export { replayTrajectory } from './cpuTrajectory.ts';
export { recordsCsv } from './recordsCsv.ts';
export {
  createObservedEnsemble,
  CpuObservedEnsemble,
  GpuObservedEnsemble,
  type LaneSummaryOptions,
  type ObservedEnsemble,
} from './observedEnsemble.ts';
export type { ExceedanceObserver, ObserverSpec, SupDistanceObserver } from './observers.ts';
export { createEnsemble, runEnsemble, type EnsembleRun, type RunOptions } from './run.ts';
