/**
 * Node entry point: registers the WGSL sources from disk and opens WebGPU through Dawn.
 * `import { openRuntime } from 'adamscope/node'`.
 */
import { GpuRuntime, type LimitRequest } from '../gpu/device.ts';
import { registerShaderSources } from '../gpu/shaderSources.ts';
import { nodeGpu } from './dawn.ts';
import { openBackend, type Backend, type BackendName } from '../backend.ts';
import { readShaderFolder } from './nodeShaders.ts';

registerShaderSources(readShaderFolder());

export { nodeGpu } from './dawn.ts';
export { openBackend, type Backend, type BackendName } from '../backend.ts';

/** Opens a GPU runtime in Node; prints the SwiftShader notice (one line, stderr) when it applies. */
export async function openRuntime(
  request: LimitRequest = {},
  log: (line: string) => void = console.warn,
): Promise<GpuRuntime> {
  const { gpu, notice } = await nodeGpu();
  if (notice) log(notice);
  return GpuRuntime.open(gpu, request);
}

/** Opens a backend in Node: Dawn (with SwiftShader fallback) or the float64 CPU twin. */
export async function openNodeBackend(requested: BackendName, explicit: boolean): Promise<Backend> {
  return openBackend(
    requested,
    async () => {
      const { gpu, notice } = await nodeGpu();
      return { runtime: await GpuRuntime.open(gpu), notice };
    },
    explicit,
  );
}
