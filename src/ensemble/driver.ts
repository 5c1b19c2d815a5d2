import type { EnsembleRecord } from './records.ts';
import type { Ensemble } from './types.ts';

/**
 * Drives an ensemble to a step count the way a long run needs it: records every
 * `recordEvery` steps (and at the end), in slices of a few dispatches with a dispatch
 * boundary (`synchronize`) after each, where it reports progress, may write a checkpoint and
 * may stop. Slices grow while they take less than `sliceMilliseconds`, so the boundaries cost
 * little and a stop request is answered within about that time.
 */
export interface DriveOptions {
  /** The step to reach. */
  steps: number;
  /** Records taken before (a resumed run); new records are appended to a copy. */
  records?: readonly EnsembleRecord[];
  /** Checkpoint every this many steps (a multiple of it), through `onCheckpoint`. */
  checkpointEvery?: number;
  onCheckpoint?(step: number, records: readonly EnsembleRecord[]): Promise<void>;
  /** After every record (one per group), before the run goes on. */
  onRecord?(records: readonly EnsembleRecord[]): Promise<void>;
  /** After every slice, with the step reached. */
  onProgress?(step: number): void;
  /** Polled at every dispatch boundary: true stops there. */
  shouldStop?(): boolean;
  /** Target duration of one slice (default 200 ms). */
  sliceMilliseconds?: number;
}

export interface DriveResult {
  records: EnsembleRecord[];
  /** Whether `shouldStop` stopped the run before `steps`. */
  stopped: boolean;
  /** The step reached. */
  step: number;
  /** Seconds spent in the steps (advance and synchronize; records and checkpoints excluded). */
  stepSeconds: number;
}

/** Runs `ensemble` to `options.steps` (see DriveOptions). */
export async function driveEnsemble(
  ensemble: Ensemble,
  options: DriveOptions,
): Promise<DriveResult> {
  const records = [...(options.records ?? [])];
  const { recordEvery, stepsPerDispatch } = ensemble.resolved;
  const unit = ensemble.backend === 'webgpu' ? stepsPerDispatch : 1;
  const target = options.sliceMilliseconds ?? 200;
  const every = options.checkpointEvery;
  const record = async () => {
    const taken = await ensemble.record();
    records.push(...taken);
    await options.onRecord?.(taken);
  };
  if (ensemble.step === 0 && records.length === 0) await record();
  let grain = unit;
  let stepMilliseconds = 0;
  const result = (stopped: boolean): DriveResult => ({
    records,
    stopped,
    step: ensemble.step,
    stepSeconds: stepMilliseconds / 1000,
  });
  while (ensemble.step < options.steps) {
    if (options.shouldStop?.()) return result(true);
    const step = ensemble.step;
    const nextRecord = Math.min(options.steps, (Math.floor(step / recordEvery) + 1) * recordEvery);
    const nextCheckpoint =
      every !== undefined ? (Math.floor(step / every) + 1) * every : Number.POSITIVE_INFINITY;
    const boundary = Math.min(nextRecord, nextCheckpoint);
    const count = Math.min(grain, boundary - step);
    const start = performance.now();
    await ensemble.advance(count);
    await ensemble.synchronize();
    const took = performance.now() - start;
    stepMilliseconds += took;
    if (count === grain && took < target / 2) grain *= 2;
    else if (took > 2 * target && grain > unit)
      grain = Math.max(unit, Math.floor(grain / 2 / unit) * unit);
    options.onProgress?.(ensemble.step);
    if (ensemble.step === nextRecord) await record();
    if (ensemble.step === nextCheckpoint && ensemble.step < options.steps)
      await options.onCheckpoint?.(ensemble.step, records);
  }
  return result(false);
}
