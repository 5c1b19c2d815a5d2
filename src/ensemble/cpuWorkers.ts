import type { EnsembleConfig } from './config.ts';
import type { FlatState } from './cpuKernels.ts';

/**
 * Worker threads of the `cpu` backend (Node only): N trajectories split in contiguous ranges,
 * one per worker, each advanced in place in the shared flat state by cpuWorker.ts. In a
 * browser (no `worker_threads`) or when a worker cannot start, `openWorkerPool` returns
 * undefined and the ensemble runs on the calling thread.
 */

interface NodeWorker {
  on(event: string, listener: (value: unknown) => void): void;
  postMessage(message: unknown): void;
  terminate(): Promise<number>;
  ref(): void;
  unref(): void;
}

interface WorkerThreads {
  Worker: new (url: URL | string, options: { workerData: unknown; eval?: boolean }) => NodeWorker;
}

/** Whether this is Node (worker threads and SharedArrayBuffer available). */
export function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof SharedArrayBuffer === 'function';
}

/** Logical CPUs of this machine (Node), 1 elsewhere. */
export async function availableCores(): Promise<number> {
  if (!isNode()) return 1;
  const specifier = 'node:os';
  const os = (await import(/* @vite-ignore */ specifier)) as {
    availableParallelism?: () => number;
    cpus: () => unknown[];
  };
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** A started pool: `run` advances trajectories [0, N) from step `from` to `to`. */
export class CpuWorkerPool {
  private nextId = 1;
  private readonly pending = new Map<number, { done: () => void; fail: (e: Error) => void }>();

  private constructor(
    private readonly workers: NodeWorker[],
    private readonly trajectories: number,
  ) {
    for (const worker of workers) {
      worker.on('message', (value) => {
        const message = value as { id?: number; error?: string };
        const entry = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!entry || message.id === undefined) return;
        this.pending.delete(message.id);
        if (message.error !== undefined) entry.fail(new Error(`cpu worker: ${message.error}`));
        else entry.done();
      });
      worker.on('error', (error) => {
        for (const entry of this.pending.values()) entry.fail(error as Error);
        this.pending.clear();
      });
      worker.unref();
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Starts `count` workers on the shared `flat` state of `config` (resolved again in each
   * worker); undefined when worker threads are not available or do not start.
   */
  static async open(
    config: EnsembleConfig,
    flat: FlatState,
    trajectories: number,
    count: number,
  ): Promise<CpuWorkerPool | undefined> {
    if (!isNode() || count < 2) return undefined;
    try {
      const specifier = 'node:worker_threads';
      const threads = (await import(/* @vite-ignore */ specifier)) as WorkerThreads;
      // From the sources (tests, tsx) the entry is TypeScript: the worker registers tsx's
      // loader (resolved from the working directory: the repository) and then imports it.
      const source = import.meta.url.endsWith('.ts');
      const entry = new URL(source ? './cpuWorker.ts' : './cpuWorker.js', import.meta.url);
      const boot = source
        ? `import('tsx/esm/api')
             .then((api) => api.register())
             .then(() => import(${JSON.stringify(entry.href)}));`
        : undefined;
      const workers = Array.from({ length: count }, () =>
        boot === undefined
          ? new threads.Worker(entry, { workerData: { config, flat } })
          : new threads.Worker(boot, { workerData: { config, flat }, eval: true }),
      );
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((ready, fail) => {
              worker.on('message', (value) => {
                if ((value as { ready?: boolean }).ready) ready();
              });
              worker.on('error', (error) => fail(error as Error));
              worker.on('exit', () => fail(new Error('cpu worker exited')));
            }),
        ),
      );
      return new CpuWorkerPool(workers, trajectories);
    } catch {
      return undefined;
    }
  }

  /** Steps from + 1 … to of every trajectory, split over the workers. */
  async run(from: number, to: number): Promise<void> {
    const n = this.trajectories;
    const count = this.workers.length;
    const jobs: Promise<void>[] = [];
    for (const worker of this.workers) worker.ref();
    try {
      this.workers.forEach((worker, w) => {
        const first = Math.floor((w * n) / count);
        const end = Math.floor(((w + 1) * n) / count);
        if (end <= first) return;
        const id = this.nextId++;
        jobs.push(
          new Promise<void>((done, fail) => {
            this.pending.set(id, { done, fail });
            worker.postMessage({ id, first, end, from, to });
          }),
        );
      });
      await Promise.all(jobs);
    } finally {
      for (const worker of this.workers) worker.unref();
    }
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
