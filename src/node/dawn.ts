import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  // Vulkan's window-system code complains on every start when this is unset; a private
  // empty folder silences it without affecting compute.
  process.env['XDG_RUNTIME_DIR'] ??= mkdtempSync(join(tmpdir(), 'adamscope-xdg-'));
  const icd = process.env['ADAMSCOPE_VK_ICD'] ?? SWIFTSHADER_ICD;
  const canFallBack = !process.env['VK_ICD_FILENAMES'] && existsSync(icd);
  let gpu: GPU;
  if (!canFallBack || mayHaveGpu()) {
    gpu = dawn.create([]);
    if (await gpu.requestAdapter()) return { gpu, notice: undefined };
  }
  if (canFallBack) {
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

/** Whether this machine may have a GPU: always off Linux; on Linux, a DRM render node or an NVIDIA device. */
function mayHaveGpu(): boolean {
  if (process.platform !== 'linux') return true;
  if (existsSync('/dev/nvidia0')) return true;
  try {
    return readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
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
