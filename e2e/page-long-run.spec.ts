import { expect, test } from '@playwright/test';
import { canvasPixels, ready, watchErrors } from './harness/checks.ts';
import { experimentReport } from './harness/cliReport.ts';

/**
 * The long-run page: loads without errors, both charts are drawn, and the Cesàro average at
 * the smallest γ it shows equals the CLI's `ergodic` experiment for the same configuration and
 * seed (exactly on the cpu backend; near it on WebGPU, float32).
 */
test.setTimeout(150_000);

const QUERY = 'n=32&T=5&gammas=0.2,0.1,0.05&delta=0.1&sigma=0.5';
const cesaro = () => {
  const report = experimentReport('ergodic', [
    '--backend',
    'cpu',
    '--problem',
    'double-well',
    '--sigma',
    '0.5',
    '--trajectories',
    '32',
    '--gammas',
    '0.2,0.1,0.05',
    '--T',
    '5',
    '--delta',
    '0.1',
    '--probes',
    '24',
    '--seed',
    '1',
  ]);
  return (report['perGamma'] as { cesaro: { value: number } }[])[2]?.cesaro.value ?? NaN;
};

test('long-run (cpu backend): the Cesàro average equals the CLI', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/long-run.html?backend=cpu&${QUERY}`);
  await ready(page);
  expect(Number(await page.locator('body').getAttribute('data-cesaro-smallest'))).toBe(cesaro());
  expect(errors).toEqual([]);
});

test('long-run (WebGPU): both charts drawn, the Cesàro average near the CLI', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/long-run.html?${QUERY}`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  for (const id of ['figure-cesaro', 'figure-spread'])
    expect(
      (await canvasPixels(page.locator(`#${id} canvas`), { stride: 7 })).colours,
    ).toBeGreaterThan(8);
  // float32 against float64 along 100 steps: an indicator d(x_k) > δ flips only within rounding
  // of δ; the average over 32 · 100 (trajectory, step) pairs moves by a few 1/3200 at most.
  const shown = Number(await page.locator('body').getAttribute('data-cesaro-smallest'));
  expect(Math.abs(shown - cesaro())).toBeLessThanOrEqual(0.01);
  await page.screenshot({ path: 'test-results/screenshots/long-run-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/long-run-390.png', fullPage: true });
  expect(errors).toEqual([]);
});
