import { createStorageBuffer, readBuffer } from '../gpu/buffers.ts';
import { ParameterError } from '../errors.ts';
import { GpuEnsemble } from './gpuEnsemble.ts';
import type { Ensemble } from './types.ts';

/** The weights of the first `runs` trajectories of an ensemble at steps 0, every, 2·every, …, steps. */
export interface PositionSnapshots {
  /** The steps of the snapshots (0 first, `steps` last). */
  steps: number[];
  /** x[run][snapshot]: the weights of trajectory `run` at `steps[snapshot]` (length d). */
  x: Float64Array[][];
  /** Step at which each run diverged (the engine keeps its last finite state), or undefined. */
  divergedAtStep: (number | undefined)[];
}

/** Bytes of a snapshot buffer the GPU path allocates at most (one buffer, read back once). */
export const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/**
 * Advances `ensemble` by `steps` steps and keeps the weights x of its first `runs`
 * trajectories every `every` steps (and at step 0 and at the end), from the runs themselves:
 *
 * - webgpu: after each block of `every` steps, a copy of the first `runs` trajectories of the
 *   `positions` buffer (f32 vec4 tiles, trajectory-major) into slot s of one snapshot buffer
 *   (a copyBufferToBuffer queued after the block's dispatches: no shader, no read back per
 *   block); the buffer is read back ONCE at the end. Memory: snapshots × runs × ⌈d/4⌉ × 16
 *   bytes, refused above MAX_SNAPSHOT_BYTES.
 * - cpu: `readTrajectory` after each block (the state is in memory; float64).
 */
export async function recordPositionSnapshots(
  ensemble: Ensemble,
  runs: number,
  steps: number,
  every: number,
): Promise<PositionSnapshots> {
  const n = ensemble.resolved.trajectories;
  if (!Number.isInteger(runs) || runs < 1 || runs > n)
    throw new ParameterError('runs', runs, `an integer in 1..${n} (the ensemble's trajectories)`);
  if (!Number.isInteger(every) || every < 1)
    throw new ParameterError('every', every, 'an integer ≥ 1 (steps between snapshots)');
  const start = ensemble.step;
  const stepList = [start];
  for (let s = start; s < start + steps;) {
    s = Math.min(start + steps, s + every);
    stepList.push(s);
  }
  const d = ensemble.resolved.problem.dimension;
  if (ensemble instanceof GpuEnsemble) {
    const device = ensemble.device;
    const tiles = Math.ceil(d / 4);
    const slot = runs * tiles * 16;
    const bytes = slot * stepList.length;
    if (bytes > MAX_SNAPSHOT_BYTES)
      throw new ParameterError(
        'snapshots',
        stepList.length,
        `at most ${Math.floor(MAX_SNAPSHOT_BYTES / slot)} snapshots of ${runs} runs of d = ${d} (${MAX_SNAPSHOT_BYTES / 2 ** 20} MiB); fewer runs or a larger interval`,
      );
    const buffer = createStorageBuffer(device, 'Ensemble.positionSnapshots', bytes);
    try {
      const copy = (index: number) => {
        const encoder = device.createCommandEncoder({ label: 'Ensemble.snapshotEncoder' });
        encoder.copyBufferToBuffer(ensemble.positions, 0, buffer, index * slot, slot);
        device.queue.submit([encoder.finish()]);
      };
      copy(0);
      for (let k = 1; k < stepList.length; k++) {
        await ensemble.advance((stepList[k] ?? 0) - (stepList[k - 1] ?? 0));
        copy(k);
      }
      const raw = new Float32Array(await readBuffer(device, buffer, bytes, 0));
      const x = Array.from({ length: runs }, (_, r) =>
        stepList.map((_, k) => {
          const offset = (k * slot + r * tiles * 16) / 4;
          return Float64Array.from(raw.subarray(offset, offset + d));
        }),
      );
      return { steps: stepList, x, divergedAtStep: await ensemble.divergedSteps(runs) };
    } finally {
      buffer.destroy();
    }
  }
  const x: Float64Array[][] = Array.from({ length: runs }, () => []);
  const read = async () => {
    for (let r = 0; r < runs; r++)
      x[r]?.push(Float64Array.from((await ensemble.readTrajectory(r)).state.x));
  };
  await read();
  for (let k = 1; k < stepList.length; k++) {
    await ensemble.advance((stepList[k] ?? 0) - (stepList[k - 1] ?? 0));
    await read();
  }
  return { steps: stepList, x, divergedAtStep: await ensemble.divergedSteps(runs) };
}
