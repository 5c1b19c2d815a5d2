import { expect, test } from '@playwright/test';
import { canvasPixels, ready, watchErrors } from './harness/checks.ts';
import { experimentReport } from './harness/cliReport.ts';

/**
 * The weak-convergence page: loads without errors, its histogram and the two sweep charts are
 * drawn, the γ slider recomputes (and keeps the state in the URL), and P(sup > δ) as shown
 * equals the CLI's for the same configuration and seed (the figure's γ is the first group of
 * the experiment: the same trajectories 0 .. N − 1 and random streams).
 */
test.setTimeout(150_000);

const N = 128;
const cli = (gamma: string) =>
  experimentReport('weak-convergence', [
    '--backend',
    'cpu',
    '--gammas',
    `${gamma},0.1,0.05`,
    '--trajectories',
    String(N),
    '--T',
    '1',
    '--delta',
    '1.5',
    '--seed',
    '1',
  ]);
const pAbove = (report: Record<string, unknown>) =>
  (report['perGamma'] as { pAbove: { p: number } }[])[0]?.pAbove.p ?? NaN;

test('weak-convergence (cpu backend): P(sup > δ) equals the CLI', async ({ page }) => {
  const errors = watchErrors(page);
  // n = 200 is capped to N = 128 on the cpu backend, with a notice.
  await page.goto(`/weak-convergence.html?backend=cpu&n=200&T=1&gamma=0.02`);
  await ready(page);
  // float64 on both sides, the same draws: the same count of sups above δ.
  expect(Number(await page.locator('body').getAttribute('data-p-above'))).toBe(pAbove(cli('0.02')));
  await expect(page.locator('#notices')).toContainText('at most 128 trajectories per γ');
  expect(errors).toEqual([]);
});

test('weak-convergence (WebGPU): charts drawn, the γ slider recomputes, P near the CLI', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/weak-convergence.html?n=${N}&T=1&gamma=0.02`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  for (const id of ['figure-histogram', 'figure-p', 'figure-median'])
    expect(
      (await canvasPixels(page.locator(`#${id} canvas`), { stride: 7 })).colours,
    ).toBeGreaterThan(8);
  // float32 on the GPU against float64: a sup within rounding of δ could flip, one of N at most.
  const shown = Number(await page.locator('body').getAttribute('data-p-above'));
  expect(Math.abs(shown - pAbove(cli('0.02')))).toBeLessThanOrEqual(1 / N);
  await expect(page.locator('body')).toHaveAttribute('data-sweep', '6', { timeout: 100_000 });
  await page.screenshot({
    path: 'test-results/screenshots/weak-convergence-1280.png',
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({
    path: 'test-results/screenshots/weak-convergence-390.png',
    fullPage: true,
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  // The slider recomputes on input with γ in the URL.
  await page.locator('#gamma').evaluate((input: HTMLInputElement) => {
    input.value = String(Math.log10(0.05));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(page).toHaveURL(/gamma=0\.05/);
  await ready(page);
  await expect(page.locator('.af-status-text')).toContainText('At γ = 0.05');
  expect(errors).toEqual([]);
});
