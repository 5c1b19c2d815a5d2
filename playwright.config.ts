import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests (e2e/). Chromium runs WebGPU on SwiftShader (shared/docs/GPU.md) unless
 * ADAMSCOPE_E2E_GPU=hardware, which drops the SwiftShader flags so a real GPU is used.
 * Debian's /usr/bin/chromium is used when present (no browser download needed); elsewhere
 * Playwright's own Chromium (`npx playwright install chromium`).
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PORT = Number(process.env['ADAMSCOPE_E2E_PORT'] ?? 5183);
const useHardwareGpu = process.env['ADAMSCOPE_E2E_GPU'] === 'hardware';

// --use-vulkan=swiftshader: presenting a WebGPU canvas (the particle demos) on SwiftShader
// needs Vulkan on SwiftShader too; without it the GPU process loses its instance at the first
// present ("A valid external Instance reference no longer exists").
const swiftShaderFlags = [
  '--enable-unsafe-swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--use-vulkan=swiftshader',
];
const commonFlags = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const isCi = Boolean(process.env['CI']);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two shared CPU cores and a software GPU: one browser at a time is fastest overall.
  workers: 1,
  forbidOnly: isCi,
  retries: 0,
  reporter: isCi
    ? 'list'
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: useHardwareGpu ? commonFlags : [...swiftShaderFlags, ...commonFlags],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    // The Vite dev server starts in about a second; pages are compiled on first request.
    command: `npx vite --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: !isCi,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
