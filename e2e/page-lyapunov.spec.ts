import { expect, test } from '@playwright/test';
import { canvasPixels, ready, watchErrors } from './harness/checks.ts';
import { experimentReport } from './harness/cliReport.ts';

/**
 * The Lyapunov page: loads without errors, its three charts are drawn (the b/a sweep after the
 * first frame), and the largest increase of V it shows equals the CLI's for the same
 * configuration (both run the lyapunov experiment in float64 on the CPU).
 */
test.setTimeout(120_000);

const CONFIG = { problem: 'double-well', ratio: '8', trajectories: '4', T: '6', epsilon: '0.05' };

test('lyapunov: V, dV/dt against the bound, the sweep across b/a = 4; the CLI number', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/lyapunov.html?${new URLSearchParams(CONFIG).toString()}`);
  await ready(page);
  for (const id of ['figure-v', 'figure-dv', 'figure-sweep']) {
    const canvas = page.locator(`#${id} canvas`);
    await expect
      .poll(async () => (await canvasPixels(canvas, { stride: 7 })).colours)
      .toBeGreaterThan(8);
  }
  const shown = Number(await page.locator('body').getAttribute('data-max-increase'));
  const report = experimentReport('lyapunov', [
    '--backend',
    'cpu',
    '--problems',
    CONFIG.problem,
    '--ratios',
    CONFIG.ratio,
    '--a',
    '1',
    '--epsilon',
    CONFIG.epsilon,
    '--trajectories',
    CONFIG.trajectories,
    '--T',
    CONFIG.T,
    '--outputs',
    '101',
    '--seed',
    '1',
  ]);
  const rows = report['rows'] as { maxRelativeIncrease: number }[];
  // The same float64 code on both sides; only Math.exp / expm1 of the browser's V8 and of
  // Node's may differ in the last bit, which dopri5 carries to ~1e-14 relative (measured).
  const expected = rows[0]?.maxRelativeIncrease ?? NaN;
  expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1e-10 * Math.abs(expected));
  // b/a = 8 > 4 on the double well: V does increase, and the page says so.
  expect(shown).toBeGreaterThan(1e-3);
  await expect(page.locator('.af-status-text')).toContainText('b > 4a');
  await page.screenshot({ path: 'test-results/screenshots/lyapunov-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/lyapunov-390.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('lyapunov: b/a below 4 keeps V non-increasing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/lyapunov.html?ratio=2&trajectories=4&T=6');
  await ready(page);
  expect(Number(await page.locator('body').getAttribute('data-max-increase'))).toBeLessThan(1e-9);
  expect(Number(await page.locator('body').getAttribute('data-max-dv'))).toBeLessThanOrEqual(0);
  expect(errors).toEqual([]);
});
