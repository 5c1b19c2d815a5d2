/**
 * How the browser tests (playwright.config.ts) and the benchmark suite (bench/run.ts) start
 * Chromium: Debian's /usr/bin/chromium when present, the flags that enable WebGPU, and the
 * flags that put it on SwiftShader (shared/docs/GPU.md) when no hardware GPU is used.
 */

/** Debian's Chromium (no browser download needed); elsewhere Playwright's own. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// --use-vulkan=swiftshader: presenting a WebGPU canvas (the particle demos) on SwiftShader
// needs Vulkan on SwiftShader too; without it the GPU process loses its instance at the first
// present ("A valid external Instance reference no longer exists").
export const SWIFTSHADER_FLAGS: readonly string[] = [
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--use-vulkan=swiftshader',
];

/** WebGPU on, and no background traffic (the machines' network is closed). */
export const COMMON_FLAGS: readonly string[] = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
