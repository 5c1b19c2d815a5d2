import type { Backend } from '../backend/index.ts';
import { CpuEnsemble } from './cpuEnsemble.ts';
import { GpuEnsemble } from './gpuEnsemble.ts';
import type { EnsembleConfig } from './config.ts';
import type { TrajectoryPath } from './cpuTrajectory.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';
import type { Ensemble } from './types.ts';

export { CpuEnsemble } from './cpuEnsemble.ts';
export { GpuEnsemble } from './gpuEnsemble.ts';
export {
  physicalTime,
  resolveEnsemble,
  type EnsembleConfig,
  type ResolvedEnsemble,
} from './config.ts';
export type { TrajectoryPath } from './cpuTrajectory.ts';
export type { EnsembleRecord, FinalMoments, MetricStats } from './records.ts';
export type { Ensemble, TrajectoryState } from './types.ts';
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

/** Builds an ensemble on a backend (the initial points are drawn; step 0). */
export async function createEnsemble(config: EnsembleConfig, backend: Backend): Promise<Ensemble> {
  return backend.kind === 'webgpu'
    ? GpuEnsemble.create(backend, config)
    : CpuEnsemble.create(config);
}

/** What `runEnsemble` returns: records at steps 0, recordEvery, 2·recordEvery, …, steps. */
export interface EnsembleRun {
  records: EnsembleRecord[][];
  final: FinalMoments[];
  paths: TrajectoryPath[];
  warnings: string[];
  backend: 'webgpu' | 'cpu';
}

/**
 * Runs `steps` steps, recording every `config.recordEvery` steps (and at the end).
 *
 * @example
 * const run = await runEnsemble({ ...config, recordEvery: 100 }, 1000, new CpuBackend());
 * run.records.at(-1)?.[0]?.F.mean;
 */
export async function runEnsemble(
  config: EnsembleConfig,
  steps: number,
  backend: Backend,
): Promise<EnsembleRun> {
  const ensemble = await createEnsemble(config, backend);
  try {
    const records = [await ensemble.record()];
    const every = ensemble.resolved.recordEvery;
    while (ensemble.step < steps) {
      await ensemble.advance(Math.min(every, steps - ensemble.step));
      records.push(await ensemble.record());
    }
    return {
      records,
      final: await ensemble.finalMoments(),
      paths: await ensemble.trackedPaths(),
      warnings: ensemble.resolved.warnings,
      backend: ensemble.backend,
    };
  } finally {
    ensemble.destroy();
  }
}
