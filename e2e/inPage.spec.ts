import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEV_BASE_URL } from './harness/servers.ts';

import type * as HarnessModule from './harness/inPage.ts';

// Imports sources under /@fs: the dev server (harness/servers.ts).
test.use({ baseURL: DEV_BASE_URL });

type Harness = typeof HarnessModule;

/** The harness module's URL on the Vite dev server (files outside demos/ are served under /@fs). */
const HARNESS = `/@fs${resolve(import.meta.dirname, 'harness/inPage.ts')}`;

/** Opens a page of the gallery (a secure context with navigator.gpu) to run checks in. */
async function openHarness(page: Page): Promise<void> {
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto('/index.html');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

test('GPU Philox in the browser matches the Random123 answer and the CPU twin bit for bit', async ({
  page,
}) => {
  await openHarness(page);
  const count = 2 ** 18; // per stream position, 3 positions
  const result = await page.evaluate(
    async ([url, n]) => ((await import(/* @vite-ignore */ url)) as Harness).philoxCheck(n),
    [HARNESS, count] as const,
  );
  test.info().annotations.push({ type: 'adapter', description: result.adapter });
  expect(result.knownAnswer).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
  for (const stream of result.streams) {
    expect(stream.count).toBe(count);
    expect(stream, stream.at).toMatchObject({ mismatches: 0, firstMismatch: undefined });
  }
  expect(result.uniformMismatches, 'GPU uniforms vs cpuRandomFill').toBe(0);
});

test('GpuReducer in the browser agrees with the float64 summary within its bounds', async ({
  page,
}) => {
  await openHarness(page);
  const count = 2 ** 18;
  const result = await page.evaluate(
    async ([url, n]) => ((await import(/* @vite-ignore */ url)) as Harness).reductionCheck(n),
    [HARNESS, count] as const,
  );
  test.info().annotations.push({ type: 'adapter', description: result.adapter });
  expect(result.cases.map((c) => c.distribution)).toEqual(['uniform', 'normal']);
  for (const c of result.cases) expect(c.violations, c.distribution).toEqual([]);
});
