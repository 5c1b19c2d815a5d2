import { checkBackend, type Backend } from '../backend/index.ts';
import { checkAdvanceSteps, type EnsembleConfig } from './config.ts';
import type { TrajectoryPath } from './cpuTrajectory.ts';
import { driveEnsemble, type DriveOptions } from './driver.ts';
import { GpuEnsemble } from './gpuEnsemble.ts';
import type { EnsembleRecord, FinalMoments } from './records.ts';
import type { Ensemble } from './types.ts';
import { loadProblemCode } from '../problems/index.ts';
import { isNetworkProblem, sampleGradientRate } from './networkEnsemble.ts';

/** Builds an ensemble on a backend (the initial points are drawn; step 0). */
export async function createEnsemble(config: EnsembleConfig, backend: Backend): Promise<Ensemble> {
  checkBackend(backend);
  await loadProblemCode((config as Partial<EnsembleConfig> | null)?.problem);
  if (backend.kind === 'webgpu') return GpuEnsemble.create(backend, config);
  // Loaded on first use: a page on WebGPU does not download the float64 engine (its fallback).
  const { CpuEnsemble } = await import('./cpuEnsemble.ts');
  return CpuEnsemble.create(config);
}

/** Options of `runEnsemble`: progress, stopping, checkpoints (see `driveEnsemble`). */
export type RunOptions = Omit<DriveOptions, 'steps' | 'records'>;

/** What `runEnsemble` returns: records at steps 0, recordEvery, 2·recordEvery, …, steps. */
export interface EnsembleRun {
  records: EnsembleRecord[][];
  final: FinalMoments[];
  paths: TrajectoryPath[];
  warnings: string[];
  backend: 'webgpu' | 'cpu';
  /** The step reached (< steps when `options.shouldStop` stopped the run). */
  step: number;
  stopped: boolean;
  /** Seconds spent stepping (records excluded). */
  stepSeconds: number;
  /**
   * Network problems (mlp, logistic): per-sample gradient evaluations per second,
   * N × steps × B / stepSeconds (one evaluation: a forward and backward pass of one sample).
   */
  sampleGradientsPerSecond?: number;
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
  options: RunOptions = {},
): Promise<EnsembleRun> {
  checkBackend(backend);
  checkAdvanceSteps(steps, 0);
  const ensemble = await createEnsemble(config, backend);
  try {
    const run = await driveEnsemble(ensemble, { ...options, steps });
    // One list per record step (one record per group).
    const records: EnsembleRecord[][] = [];
    for (const r of run.records) {
      const last = records.at(-1);
      if (last && last[0]?.step === r.step) last.push(r);
      else records.push([r]);
    }
    const { problem } = ensemble.resolved;
    return {
      step: run.step,
      stopped: run.stopped,
      stepSeconds: run.stepSeconds,
      ...(isNetworkProblem(problem)
        ? {
            sampleGradientsPerSecond: sampleGradientRate(
              ensemble.resolved.trajectories,
              run.step,
              problem.batch,
              run.stepSeconds,
            ),
          }
        : {}),
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
