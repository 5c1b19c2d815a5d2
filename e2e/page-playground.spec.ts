import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ready, screenColours, watchErrors } from './harness/checks.ts';

/**
 * The playground page: an ensemble and its limit ODE. The final median F it shows equals
 * what its own "copy as CLI command" command computes when run through bin/adamscope.js
 * (exactly on the cpu backend; within 1 % on WebGPU, float32 against the CLI's float64), and
 * its "copy as code" program, run with tsx against the built package, prints the same number.
 * Needs `npm run build:lib`.
 */
test.setTimeout(150_000);

const QUERY =
  'problem=double-well&curvature=2&optimizer=adam&a=1&b=2&gamma=0.02&x0=0.5&trajectories=64&steps=150&seed=7&ode=adam';

async function finished(page: Page): Promise<{ median: number; cli: string; code: string }> {
  await expect(page.locator('body')).toHaveAttribute('data-done', 'true', { timeout: 90_000 });
  const median = Number(await page.locator('body').getAttribute('data-median'));
  const cli = (await page.locator('#playground-cli').textContent()) ?? '';
  const code = (await page.locator('#playground-code').textContent()) ?? '';
  return { median, cli, code };
}

/** Runs the page's command through bin/adamscope.js and returns its final median F. */
function runCli(command: string): number {
  expect(command.startsWith('npx adamscope run ')).toBe(true);
  const args = command.replace(/^npx adamscope /, '').split(' ');
  const out = join(mkdtempSync(join(tmpdir(), 'playground-')), 'run.json');
  execFileSync('node', ['bin/adamscope.js', ...args, '--out', out, '--quiet'], { stdio: 'pipe' });
  const result = JSON.parse(readFileSync(out, 'utf8')) as { records: { F: { q50: number } }[] };
  return result.records.at(-1)?.F.q50 ?? NaN;
}

test('playground: cpu backend, the CLI command and the code give the page’s median F', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/playground.html?${QUERY}&backend=cpu`);
  await ready(page);
  const { median, cli, code } = await finished(page);
  expect(Number.isFinite(median)).toBe(true);
  expect(cli).toContain('--curvature 2');
  expect(cli).toContain('--backend cpu');
  expect(runCli(cli)).toBe(median);
  // The code, run as a program inside the package (it imports 'adamscope' and 'adamscope/node').
  mkdirSync('test-results', { recursive: true });
  const file = join('test-results', 'playground-snippet.ts');
  writeFileSync(file, code);
  const output = execFileSync('npx', ['tsx', file], { encoding: 'utf8' });
  const printed = /final median F = (\S+)/.exec(output)?.[1];
  expect(Number(printed)).toBe(median);
  expect(output).toMatch(/ODE F\(T\) = \d/);
  expect(errors).toEqual([]);
});

test('playground: WebGPU run against its ODE, and the CLI command', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/playground.html?${QUERY}`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  const { median, cli } = await finished(page);
  expect(await screenColours(page.locator('#playground-chart'))).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/playground.png', fullPage: true });
  const odeF = Number(await page.locator('body').getAttribute('data-ode-f'));
  expect(Number.isFinite(odeF)).toBe(true);
  const cpu = runCli(cli.replace('--backend webgpu', '--backend cpu'));
  expect(Math.abs(median / cpu - 1)).toBeLessThan(0.01);
  // Controls from the library's lists; a change goes through the URL.
  await expect(page.locator('#playground-optimizer option')).toHaveCount(10);
  await expect(page.locator('#playground-momentum')).toHaveCount(0);
  await page.locator('#playground-optimizer').selectOption('heavy-ball');
  await expect(page).toHaveURL(/optimizer=heavy-ball/);
  await expect(page).not.toHaveURL(/[?&]a=1/);
  await expect(page.locator('#playground-momentum')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('playground: at 390 px the page fits the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/playground.html?${QUERY}&steps=40`);
  await ready(page);
  await finished(page);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/screenshots/playground-390.png', fullPage: true });
});
