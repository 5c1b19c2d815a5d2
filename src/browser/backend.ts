/**
 * Opening the browser's backend: WebGPU from `navigator.gpu`, or the cpu backend with a notice
 * saying why. Re-exported by `adamscope/browser`.
 */
import { openBackend, type Backend, type BackendName } from '../backend/index.ts';
import { GpuRuntime, type LimitRequest } from '../gpu/device.ts';
import { GpuSession } from '../gpu/session.ts';

export interface BrowserBackendOptions {
  /** Backend to open (default `webgpu`, falling back to `cpu` with a notice). */
  backend?: BackendName;
  /** When true, a missing WebGPU throws instead of falling back (default false). */
  explicit?: boolean;
  /** Device limits the page needs. */
  limits?: LimitRequest;
  /** The WebGPU entry point (default `navigator.gpu`); tests may pass their own. */
  gpu?: GPU | undefined;
}

/**
 * Opens the browser's WebGPU adapter and device as a `GpuSession`. When `navigator.gpu` is
 * missing or no adapter is found, returns the `cpu` backend with a notice saying why: pages
 * must show `backend.notices` (see `showNotice`), so a fallback is never silent. A software
 * adapter (SwiftShader) is also announced, since its timings are not GPU performance.
 */
export async function openBrowserBackend(options: BrowserBackendOptions = {}): Promise<Backend> {
  const gpu = 'gpu' in options ? options.gpu : globalThis.navigator?.gpu;
  return openBackend(
    options.backend ?? 'webgpu',
    async () => {
      if (!gpu) {
        throw new Error(
          'this browser has no WebGPU: navigator.gpu is missing, as in older browsers, with WebGPU disabled, or on pages not served over https or localhost',
        );
      }
      const runtime = await GpuRuntime.open(gpu, options.limits ?? {});
      const { isSoftware, vendor, architecture } = runtime.report;
      const name = [vendor, architecture].filter(Boolean).join(' ') || 'unnamed adapter';
      const notices = isSoftware
        ? [
            `WebGPU runs on ${name}, a software adapter (the GPU is emulated on the CPU): results are exact, timings are not GPU performance`,
          ]
        : [];
      return new GpuSession(runtime, notices);
    },
    options.explicit ?? false,
  );
}
