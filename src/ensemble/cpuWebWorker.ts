/**
 * Entry of a `cpu` backend Web Worker (browsers; see cpuWebWorkers.ts). The first message
 * carries the ensemble's config, which the worker resolves itself; each later message carries
 * a copy of the flat state of one range of trajectories [first, end), which the worker
 * advances in place and sends back (both ways by transfer). Trajectories are independent and
 * the draws are addressed by (key, trajectory, step, block, stream), so the result is the
 * single-thread one bit for bit.
 */
import { loadProblemCode } from '../problems/index.ts';
import { resolveEnsemble, type EnsembleConfig, type ResolvedEnsemble } from './config.ts';
import { advanceFlat, type FlatState } from './cpuKernels.ts';

/** The worker's side of its port (DedicatedWorkerGlobalScope, typed without the WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: { data: WebWorkerMessage }) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

/** A message to the worker: the config once, then ranges of work. */
export type WebWorkerMessage =
  | { kind: 'init'; config: EnsembleConfig }
  | {
      kind: 'run';
      id: number;
      first: number;
      end: number;
      from: number;
      to: number;
      state: FlatState;
    };

/** The buffers of a flat state, for transfer. */
function flatBuffers(state: FlatState): ArrayBuffer[] {
  return [state.x, state.m, state.v, state.aux, state.bias, state.diverged].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

const scope = globalThis as unknown as WorkerScope;
let resolved: ResolvedEnsemble | undefined;
scope.onmessage = ({ data }) => {
  if (data.kind === 'init') {
    const config = data.config;
    loadProblemCode(config.problem)
      .then(() => {
        resolved = resolveEnsemble(config);
        scope.postMessage({ ready: true });
      })
      .catch((error: unknown) => scope.postMessage({ ready: false, error: String(error) }));
    return;
  }
  try {
    if (!resolved) throw new Error('the worker was not initialised');
    advanceFlat(resolved, data.state, data.first, data.end, data.from, data.to, data.first);
    scope.postMessage({ id: data.id, state: data.state }, flatBuffers(data.state));
  } catch (error) {
    scope.postMessage({ id: data.id, error: String(error) });
  }
};
