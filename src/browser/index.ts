/**
 * Browser entry point of adamscope: bundles the WGSL sources, opens WebGPU from
 * `navigator.gpu` (or says why not and falls back to the float64 CPU backend), and exports
 * what pages need. Demos import from here only.
 *
 * @example
 * import { openBrowserRuntime, showNotice } from 'adamscope/browser';
 * const backend = await openBrowserRuntime();
 * for (const line of backend.notices) showNotice(document.body, line);
 */
import './browserShaders.ts';
import { openBackend, type Backend, type BackendName } from '../backend.ts';
import { GpuRuntime, type LimitRequest } from '../gpu/device.ts';

export interface BrowserRuntimeOptions {
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
 * Opens the browser's WebGPU adapter and device. When `navigator.gpu` is missing or no
 * adapter is found, returns the `cpu` backend with a notice saying why: pages must show
 * `backend.notices` (see `showNotice`), so a fallback is never silent. A software adapter
 * (SwiftShader) is also announced, since its timings are not GPU performance.
 */
export async function openBrowserRuntime(options: BrowserRuntimeOptions = {}): Promise<Backend> {
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
      const notice = isSoftware
        ? `WebGPU runs on ${name}, a software adapter (the GPU is emulated on the CPU): results are exact, timings are not GPU performance`
        : undefined;
      return { runtime, notice };
    },
    options.explicit ?? false,
  );
}

export { showNotice } from './notice.ts';
export { cpuRandomFill, drawRandomValues, type RandomValues } from './randomDraws.ts';
export { ksDistance, ksCriticalValue, normalPdf, uniformCdf } from './goodnessOfFit.ts';
export { BROWSER_SHADERS } from './browserShaders.ts';

export { BACKENDS, CPU_ADAPTER, openBackend } from '../backend.ts';
export type { Backend, BackendName, CpuAdapterReport } from '../backend.ts';
export { GpuRuntime, describeAdapter } from '../gpu/device.ts';
export type { AdapterReport, LimitRequest } from '../gpu/device.ts';
export {
  DeviceLostError,
  LimitError,
  ParameterError,
  ShaderCompilationError,
} from '../gpu/errors.ts';
export { shaderPaths, shaderSource } from '../gpu/shaderSources.ts';
export { createStorageBuffer, readBuffer, uploadStorage } from '../gpu/buffers.ts';
export { GpuReducer, type ReduceRequest } from '../kernels/reduce.ts';
export {
  summarize,
  summarizeSegments,
  type Summary,
  type QuantileEstimate,
} from '../stats/summary.ts';
export type { SummaryOptions } from '../stats/summaryOptions.ts';
export { normalCdf, normalQuantile, erfc } from '../stats/normal.ts';
export { wilsonInterval, type WilsonInterval } from '../stats/wilson.ts';
export { RandomFill, Distribution } from '../kernels/randomFill.ts';
export type { DistributionName, RandomFillRequest } from '../kernels/randomFill.ts';
export { philox4x32, type Key, type Counter } from '../random/philox.ts';
export {
  Stream,
  seedKey,
  randomBits,
  uniformFromBits,
  uniform4,
  normal4,
  bernoulli4,
} from '../random/distributions.ts';
export * from '../plot/index.ts';
export { ParticleRenderer, type ParticleView } from './particleRenderer.ts';
