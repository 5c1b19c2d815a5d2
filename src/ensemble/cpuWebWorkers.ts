import type { EnsembleConfig } from './config.ts';
import type { FlatState } from './cpuKernels.ts';
import type { WebWorkerMessage } from './cpuWebWorker.ts';

/**
 * Web Workers of the `cpu` backend (browsers; Node uses worker threads, cpuWorkers.ts): N
 * trajectories split in contiguous ranges, one per worker. A page is usually not
 * cross-origin isolated, so there is no SharedArrayBuffer: each advance sends every worker a
 * copy of its range's flat state (x, m, v, aux, bias, diverged; by transfer, no second copy)
 * and copies the advanced range back. That costs 4·d + 3 numbers per trajectory each way per
 * advance, small against the steps of an advance large enough to use the workers. The worker
 * is a module worker that bundlers (Vite, and others that follow the `new Worker(new URL(…,
 * import.meta.url))` pattern) bundle by themselves, from the sources and from dist/.
 */

/** Whether this is a browser page (or worker) with module Web Workers. */
export function hasWebWorkers(): boolean {
  return (
    typeof Worker === 'function' &&
    typeof (globalThis as { document?: unknown }).document === 'object'
  );
}

/** Logical cores the browser reports (navigator.hardwareConcurrency), 1 when unknown. */
export function browserCores(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return typeof cores === 'number' && cores >= 1 ? Math.floor(cores) : 1;
}

/** The buffers of a flat state, for transfer. */
function flatBuffers(state: FlatState): ArrayBuffer[] {
  return [state.x, state.m, state.v, state.aux, state.bias, state.diverged].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

/** A copy of trajectories [first, end) of `flat` (rows 0 … end - first). */
export function copyRange(flat: FlatState, first: number, end: number): FlatState {
  const d = flat.dimension;
  return {
    dimension: d,
    x: flat.x.slice(first * d, end * d),
    m: flat.m.slice(first * d, end * d),
    v: flat.v.slice(first * d, end * d),
    aux: flat.aux.slice(first * d, end * d),
    bias: flat.bias.slice(2 * first, 2 * end),
    diverged: flat.diverged.slice(first, end),
  };
}

/** Writes a range copied by copyRange back into `flat` at trajectory `first`. */
export function writeRange(flat: FlatState, range: FlatState, first: number): void {
  const d = flat.dimension;
  flat.x.set(range.x, first * d);
  flat.m.set(range.m, first * d);
  flat.v.set(range.v, first * d);
  flat.aux.set(range.aux, first * d);
  flat.bias.set(range.bias, 2 * first);
  flat.diverged.set(range.diverged, first);
}

interface Reply {
  id?: number;
  ready?: boolean;
  error?: string;
  state?: FlatState;
}

/** A started pool of Web Workers: `run` advances trajectories [0, N) from step `from` to `to`. */
export class CpuWebWorkerPool {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { done: (state: FlatState) => void; fail: (e: Error) => void }
  >();

  private constructor(
    private readonly workers: Worker[],
    private readonly flat: FlatState,
    private readonly trajectories: number,
  ) {
    for (const worker of workers) {
      worker.onmessage = ({ data }: MessageEvent<Reply>) => {
        const entry = data.id === undefined ? undefined : this.pending.get(data.id);
        if (!entry || data.id === undefined) return;
        this.pending.delete(data.id);
        if (data.error !== undefined || !data.state)
          entry.fail(new Error(`cpu worker: ${data.error ?? 'no state returned'}`));
        else entry.done(data.state);
      };
      worker.onerror = (event) => {
        for (const entry of this.pending.values())
          entry.fail(new Error(`cpu worker: ${event.message}`));
        this.pending.clear();
      };
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts `count` module workers for the ensemble of `config` (resolved again in each
   * worker) whose state is `flat`; undefined when Web Workers are not available or do not
   * start (the ensemble then runs on the calling thread).
   */
  static async open(
    config: EnsembleConfig,
    flat: FlatState,
    trajectories: number,
    count: number,
  ): Promise<CpuWebWorkerPool | undefined> {
    if (!hasWebWorkers() || count < 2) return undefined;
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < count; i++)
        workers.push(
          new Worker(new URL('./cpuWebWorker.js', import.meta.url), {
            type: 'module',
            name: `adamscope cpu ${i + 1}/${count}`,
          }),
        );
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((ready, fail) => {
              worker.onmessage = ({ data }: MessageEvent<Reply>) => {
                if (data.ready === true) ready();
                else fail(new Error(data.error ?? 'cpu worker did not start'));
              };
              worker.onerror = (event) => {
                event.preventDefault();
                fail(new Error(event.message || 'cpu worker did not load'));
              };
              const init: WebWorkerMessage = { kind: 'init', config };
              worker.postMessage(init);
            }),
        ),
      );
      return new CpuWebWorkerPool(workers, flat, trajectories);
    } catch {
      for (const worker of workers) worker.terminate();
      return undefined;
    }
  }

  /** Steps from + 1 … to of every trajectory, split over the workers. */
  async run(from: number, to: number): Promise<void> {
    const n = this.trajectories;
    const count = this.workers.length;
    const jobs: Promise<void>[] = [];
    this.workers.forEach((worker, w) => {
      const first = Math.floor((w * n) / count);
      const end = Math.floor(((w + 1) * n) / count);
      if (end <= first) return;
      const id = this.nextId++;
      const state = copyRange(this.flat, first, end);
      jobs.push(
        new Promise<FlatState>((done, fail) => {
          this.pending.set(id, { done, fail });
          const message: WebWorkerMessage = { kind: 'run', id, first, end, from, to, state };
          worker.postMessage(message, flatBuffers(state));
        }).then((range) => writeRange(this.flat, range, first)),
      );
    });
    await Promise.all(jobs);
  }

  close(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers.length = 0;
  }
}
