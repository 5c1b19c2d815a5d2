import { openRuntime } from '../src/node/index.ts';
import type { GpuRuntime } from '../src/gpu/device.ts';

let shared: Promise<GpuRuntime> | undefined;

/** One GPU runtime (Dawn; SwiftShader on machines without a GPU) shared by a test file. */
export function testRuntime(): Promise<GpuRuntime> {
  shared ??= openRuntime({}, () => undefined);
  return shared;
}

/** The shared runtime's device. */
export async function testDevice(): Promise<GPUDevice> {
  return (await testRuntime()).device();
}
