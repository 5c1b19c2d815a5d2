import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { COMMON_FLAGS, SWIFTSHADER_FLAGS, SYSTEM_CHROMIUM } from './e2e/harness/chromium.ts';
import { DEV_BASE_URL, DEV_PORT, GALLERY_BASE_URL, GALLERY_PORT } from './e2e/harness/servers.ts';

/**
 * Browser tests (e2e/). Chromium runs WebGPU on SwiftShader (shared/docs/GPU.md) unless
 * ADAMSCOPE_E2E_GPU=hardware, which drops the SwiftShader flags so a real GPU is used.
 * Debian's /usr/bin/chromium is used when present (no browser download needed); elsewhere
 * Playwright's own Chromium (`npx playwright install chromium`).
 */
const useHardwareGpu = process.env['ADAMSCOPE_E2E_GPU'] === 'hardware';

const isCi = Boolean(process.env['CI']);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  // Two shared CPU cores and a software GPU: one browser at a time is the default.
  // ADAMSCOPE_E2E_WORKERS=2 runs two files at once (docs/testing.md: not yet measured on a
  // quiet machine).
  workers: Number(process.env['ADAMSCOPE_E2E_WORKERS'] ?? 1),
  forbidOnly: isCi,
  retries: 0,
  reporter: isCi
    ? 'list'
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: GALLERY_BASE_URL,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: useHardwareGpu ? [...COMMON_FLAGS] : [...SWIFTSHADER_FLAGS, ...COMMON_FLAGS],
    },
    // A trace of every test, kept on failure; without its screencast (a JPEG every few frames
    // of every test, on two cores: docs/testing.md), the DOM snapshots and network log stay.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  webServer: [
    {
      // The gallery as built (a few seconds with Vite 8), served as readers get it.
      command: `npm run build:gallery && npx vite preview --host 127.0.0.1 --port ${GALLERY_PORT} --strictPort`,
      url: `${GALLERY_BASE_URL}/index.html`,
      reuseExistingServer: !isCi,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The Vite dev server, for the specs that import sources under /@fs (harness/servers.ts);
      // pages are compiled on first request.
      command: `npx vite --host 127.0.0.1 --port ${DEV_PORT} --strictPort`,
      url: `${DEV_BASE_URL}/index.html`,
      reuseExistingServer: !isCi,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      // Its own dependency cache per port (vite.config.ts): a second dev server started from
      // another checkout sharing node_modules cannot invalidate this one's optimised deps.
      env: {
        ADAMSCOPE_VITE_CACHE_DIR: resolve(
          import.meta.dirname,
          `node_modules/.vite/e2e-${DEV_PORT}`,
        ),
      },
    },
  ],
});
