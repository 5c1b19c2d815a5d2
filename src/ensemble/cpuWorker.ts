/**
 * Entry of a `cpu` backend worker thread (Node `worker_threads`): it resolves the ensemble's
 * config itself and advances the trajectory ranges it is sent, in place, in the ensemble's
 * shared flat state (see cpuWorkers.ts). Trajectories are independent and the draws are
 * addressed by (key, trajectory, step, block, stream), so the result is the single-thread one
 * bit for bit.
 */
import { loadProblemCode } from '../problems/index.ts';
import { resolveEnsemble, type EnsembleConfig } from './config.ts';
import { advanceFlat, type FlatState } from './cpuKernels.ts';

interface WorkerPort {
  on(event: 'message', listener: (message: WorkMessage) => void): void;
  postMessage(message: unknown): void;
}

/** One range of work. */
export interface WorkMessage {
  id: number;
  first: number;
  end: number;
  from: number;
  to: number;
}

const specifier = 'node:worker_threads';
const threads = (await import(/* @vite-ignore */ specifier)) as {
  parentPort: WorkerPort | null;
  workerData: { config: EnsembleConfig; flat: FlatState };
};
const port = threads.parentPort;
if (port) {
  const { config, flat } = threads.workerData;
  await loadProblemCode(config.problem);
  const resolved = resolveEnsemble(config);
  port.on('message', (work) => {
    try {
      advanceFlat(resolved, flat, work.first, work.end, work.from, work.to);
      port.postMessage({ id: work.id });
    } catch (error) {
      port.postMessage({ id: work.id, error: String(error) });
    }
  });
  port.postMessage({ ready: true });
}
