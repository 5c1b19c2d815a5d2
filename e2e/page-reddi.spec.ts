import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ready, screenColours, watchErrors } from './harness/checks.ts';

/**
 * Reddi page: loads with no console or GPU errors, its charts are not blank, and the numbers
 * it reports equal those of `adamscope experiment reddi` for the same configuration and seed
 * (the cpu backend on both sides: the same float64 twin and the same draws). Tiny sizes.
 */
test.setTimeout(240_000);

const CONFIG = { n: 32, gamma: 0.05, T: 4, C: 10, a: 10, b: 1, x0: 0, seed: '7' };
const QUERY = Object.entries(CONFIG)
  .map(([k, v]) => `${k}=${v}`)
  .join('&');

function cliReport(): {
  groups: {
    method: string;
    final: { minus: { fraction: number }; plus: { fraction: number }; mean: number };
  }[];
} {
  const out = mkdtempSync(join(tmpdir(), 'reddi-'));
  execFileSync(
    'node',
    [
      'bin/adamscope.js',
      'experiment',
      'reddi',
      '--backend',
      'cpu',
      '--trajectories',
      String(CONFIG.n),
      '--gammas',
      String(CONFIG.gamma),
      '--T',
      String(CONFIG.T),
      '--reddi-c',
      String(CONFIG.C),
      '--a',
      String(CONFIG.a),
      '--b',
      String(CONFIG.b),
      '--x0',
      String(CONFIG.x0),
      '--delta',
      '0.1',
      '--time-points',
      '21',
      '--seed',
      CONFIG.seed,
      '--out',
      out,
      '--quiet',
    ],
    { stdio: 'pipe' },
  );
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}

test('reddi: the numbers shown equal the CLI experiment (cpu backend, same seed)', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/reddi.html?backend=cpu&${QUERY}`);
  await ready(page);
  const report = cliReport();
  const final = (method: string) => report.groups.find((g) => g.method === method)?.final;
  const body = page.locator('body');
  const shown = async (key: string) => Number(await body.getAttribute(`data-${key}`));
  expect(await shown('fixed-plus')).toBeCloseTo(final('adam-fixed-beta2')?.plus.fraction ?? NaN, 6);
  expect(await shown('amsgrad-minus')).toBeCloseTo(final('amsgrad')?.minus.fraction ?? NaN, 6);
  expect(await shown('paper-minus')).toBeCloseTo(
    final('adam-paper-scaling')?.minus.fraction ?? NaN,
    6,
  );
  expect(await shown('paper-mean')).toBeCloseTo(final('adam-paper-scaling')?.mean ?? NaN, 6);
  // The caption shows the same mean.
  const mean = (final('adam-paper-scaling')?.mean ?? NaN).toFixed(3);
  await expect(page.locator('#reddi-fraction-caption')).toContainText(
    `ADAM, paper scaling: mean x_T = ${mean}`,
  );
  expect(errors).toEqual([]);
});

test('reddi: WebGPU page, fixed β₂ ends near +1, charts drawn, 1280 and 390 px', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/reddi.html?${QUERY}`);
  // 3 × 21 position read-backs on a software GPU, on a loaded machine: a generous wait.
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready', { timeout: 200_000 });
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  expect(Number(await page.locator('body').getAttribute('data-fixed-plus'))).toBeGreaterThan(0.5);
  for (const id of ['#reddi-position', '#reddi-fraction'])
    expect(await screenColours(page.locator(id))).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/reddi-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/reddi-390.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('reddi: slider input restarts the computation (cancelled, not queued), URL follows', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/reddi.html?backend=cpu&${QUERY}`);
  await ready(page);
  // Three quick inputs: the first two runs are cancelled, the last one is shown.
  for (const value of ['12', '15', '20'])
    await page.locator('#C').evaluate((input: HTMLInputElement, v) => {
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  await expect(page).toHaveURL(/[?&]C=20(&|$)/);
  await ready(page);
  await expect(page.locator('#reddi-position-caption')).toContainText('C = 20:');
  await expect(page.locator('output[for="C"]')).toHaveText('20');
  expect(await page.locator('#reddi-position').count()).toBe(1);
  expect(errors).toEqual([]);
});
