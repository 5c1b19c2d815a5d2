import type { AdapterReport, GpuRuntime } from './gpu/device.ts';

/** The two engine backends: WGSL on WebGPU, or float64 TypeScript with the same draws. */
export type BackendName = 'webgpu' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'cpu'];

/** An opened backend. `notice` is a line the user must see (SwiftShader, or a CPU fallback). */
export type Backend =
  | { name: 'webgpu'; runtime: GpuRuntime; adapter: AdapterReport; notices: string[] }
  | { name: 'cpu'; runtime: undefined; adapter: CpuAdapterReport; notices: string[] };

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
 * Opens the requested backend. `webgpu` requested explicitly fails loudly when WebGPU is
 * missing; when it is only the default (`explicit = false`), the CPU backend is used and a
 * notice says so — never silently.
 */
export async function openBackend(
  requested: BackendName,
  openGpu: () => Promise<{ runtime: GpuRuntime; notice: string | undefined }>,
  explicit: boolean,
): Promise<Backend> {
  if (requested === 'cpu')
    return { name: 'cpu', runtime: undefined, adapter: CPU_ADAPTER, notices: [] };
  try {
    const { runtime, notice } = await openGpu();
    return { name: 'webgpu', runtime, adapter: runtime.report, notices: notice ? [notice] : [] };
  } catch (error) {
    if (explicit) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      name: 'cpu',
      runtime: undefined,
      adapter: CPU_ADAPTER,
      notices: [`adamscope: WebGPU unavailable (${reason}); falling back to the cpu backend`],
    };
  }
}
