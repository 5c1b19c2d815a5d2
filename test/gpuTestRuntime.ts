import { openGpuSession } from '../src/node/index.ts';
import type { GpuSession } from '../src/gpu/session.ts';

let shared: Promise<GpuSession> | undefined;

/** One GPU session (Dawn; SwiftShader on machines without a GPU) shared by a test file. */
export function testSession(): Promise<GpuSession> {
  shared ??= openGpuSession();
  return shared;
}

/** The shared session's device. */
export async function testDevice(): Promise<GPUDevice> {
  return (await testSession()).device();
}
