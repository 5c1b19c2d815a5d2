import { existsSync } from 'node:fs';
import type * as Dawn from 'webgpu';

/** Debian's chromium package ships SwiftShader's Vulkan ICD here (see shared/docs/GPU.md). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** A WebGPU entry point for Node through Dawn, and what was done to get it. */
export interface NodeGpu {
  gpu: GPU;
  /** One line for the user when a fallback was taken, e.g. SwiftShader. */
  notice: string | undefined;
}

let cached: Promise<NodeGpu> | undefined;

async function loadDawn(): Promise<NodeGpu> {
  let dawn: typeof Dawn;
  try {
    dawn = await import('webgpu');
  } catch (error) {
    throw new Error(
      `WebGPU for Node (npm package "webgpu", Dawn) could not be loaded: ${String(error)}`,
    );
  }
  Object.assign(globalThis, dawn.globals);
  let gpu = dawn.create([]);
  if (await gpu.requestAdapter()) return { gpu, notice: undefined };
  const icd = process.env['ADAMSCOPE_VK_ICD'] ?? SWIFTSHADER_ICD;
  if (!process.env['VK_ICD_FILENAMES'] && existsSync(icd)) {
    process.env['VK_ICD_FILENAMES'] = icd;
    gpu = dawn.create([]);
    if (await gpu.requestAdapter()) {
      return {
        gpu,
        notice: `adamscope: no GPU adapter found; using SwiftShader (software Vulkan, ${icd})`,
      };
    }
  }
  throw new Error(
    `WebGPU: Dawn found no adapter (no GPU driver, and no SwiftShader ICD at ${icd}; install Debian's chromium and libvulkan1)`,
  );
}

/**
 * Dawn's `navigator.gpu` for Node. With no GPU it falls back by itself to SwiftShader, and
 * says so in `notice`. The result is shared by the whole process.
 */
export function nodeGpu(): Promise<NodeGpu> {
  cached ??= loadDawn();
  cached.catch(() => (cached = undefined));
  return cached;
}
