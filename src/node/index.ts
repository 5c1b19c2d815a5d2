/**
 * `adamscope/node`: WebGPU in Node through Dawn (npm `webgpu`), with the SwiftShader fallback
 * on machines without a GPU, and file output (reports, JSON, CSV). The engines themselves
 * come from `adamscope`.
 *
 * @example
 * import { runEnsemble } from 'adamscope';
 * import { openNodeBackend } from 'adamscope/node';
 * const backend = await openNodeBackend(); // a GpuSession, or the cpu backend with a notice
 * const run = await runEnsemble(config, 1000, backend);
 * backend.destroy();
 */
import { openBackend, type Backend, type BackendName } from '../backend/index.ts';
import type { LimitRequest } from '../gpu/device.ts';
import { GpuSession } from '../gpu/session.ts';
import { nodeGpu } from './dawn.ts';

export { nodeGpu, SWIFTSHADER_ICD, type NodeGpu } from './dawn.ts';
export {
  checkOutputPath,
  checkOutputPaths,
  removePendingTemporaries,
  writeFilesAtomically,
  writeFolderAtomically,
  writeJson,
  writeReport,
  writeText,
  type OutputFile,
  type OutputKind,
} from './files.ts';

/** Options of `openGpuSession` and `openNodeBackend`. */
export interface NodeBackendOptions {
  /** Device limits the work needs. */
  limits?: LimitRequest;
  /**
   * When true (the default for `openGpuSession`), a missing WebGPU throws; otherwise
   * `openNodeBackend` falls back to the cpu backend with a notice.
   */
  explicit?: boolean;
}

/**
 * Opens a WebGPU session in Node (Dawn). Without a GPU, Dawn runs on SwiftShader and the
 * session's `notices` say so: its timings are not GPU performance.
 */
export async function openGpuSession(options: NodeBackendOptions = {}): Promise<GpuSession> {
  const { gpu, notice } = await nodeGpu();
  return GpuSession.open(gpu, {
    ...(options.limits ? { limits: options.limits } : {}),
    notices: notice ? [notice] : [],
  });
}

/**
 * Opens a backend in Node: `webgpu` (Dawn, SwiftShader fallback) or `cpu` (float64 twin).
 * When `webgpu` is not `explicit` and cannot be opened, returns the cpu backend with a notice.
 */
export async function openNodeBackend(
  requested: BackendName = 'webgpu',
  options: NodeBackendOptions = {},
): Promise<Backend> {
  return openBackend(requested, () => openGpuSession(options), options.explicit ?? false);
}
