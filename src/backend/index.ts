import { ParameterError } from '../errors.ts';
import type { AdapterReport } from '../gpu/device.ts';
import { GpuSession } from '../gpu/session.ts';

/** The two engine backends: WGSL on WebGPU, or float64 TypeScript with the same draws. */
export type BackendName = 'webgpu' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'cpu'];

/** What the `cpu` backend reports in place of a GPU adapter. */
export interface CpuAdapterReport {
  label: string;
  isSoftware: true;
  description: string;
}

export const CPU_ADAPTER: CpuAdapterReport = {
  label: 'cpu backend (float64 TypeScript reference)',
  isSoftware: true,
  description: 'float64 TypeScript twin of every kernel, same random draws',
};

/**
 * The float64 TypeScript backend: the twin of every kernel with the same random draws, the
 * test oracle and the fallback where WebGPU is missing. It holds no resources.
 *
 * @example
 * const run = await runEnsemble(config, 1000, new CpuBackend());
 */
export class CpuBackend {
  readonly kind = 'cpu' as const;
  readonly adapter: CpuAdapterReport = CPU_ADAPTER;
  constructor(readonly notices: readonly string[] = []) {}
  /** Nothing to release; present so that every backend has the same lifetime API. */
  destroy(): void {}
}

/**
 * The one backend value every engine takes: a `GpuSession` (WebGPU) or a `CpuBackend`.
 * `notices` are lines the user must see (a software adapter, a fallback to the cpu backend).
 */
export type Backend = GpuSession | CpuBackend;

export { GpuSession };

/** The adapter report of either backend. */
export type BackendAdapter = AdapterReport | CpuAdapterReport;

/**
 * Opens the requested backend. `webgpu` requested explicitly fails loudly when WebGPU is
 * missing; when it is only the default (`explicit = false`), the cpu backend is used and a
 * notice says so — never silently.
 */
export async function openBackend(
  requested: BackendName,
  openGpu: () => Promise<GpuSession>,
  explicit: boolean,
): Promise<Backend> {
  if (requested === 'cpu') return new CpuBackend();
  try {
    return await openGpu();
  } catch (error) {
    if (explicit) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return new CpuBackend([
      `adamscope: WebGPU unavailable (${reason}); falling back to the cpu backend`,
    ]);
  }
}
/** Refuses a missing or foreign backend with a ParameterError (not a TypeError later). */
export function checkBackend(backend: unknown): asserts backend is Backend {
  const kind = (backend as { kind?: unknown } | null | undefined)?.kind;
  if (kind !== 'webgpu' && kind !== 'cpu')
    throw new ParameterError(
      'backend',
      backend,
      'a Backend: a GpuSession (openNodeBackend, openBrowserBackend) or new CpuBackend()',
    );
}
