import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';
import { expectComparisonMatchesCli } from './harness/comparisonCli.ts';

/**
 * Debiasing page: its sliders are live and follow Back / Forward (the URL is the state: a
 * slider moved is one history entry, Back re-mounts the figure and moves the slider back).
 * Tiny sizes (SwiftShader, a shared machine).
 */
test.setTimeout(120_000);

test('debiasing: the b/a slider follows Back and Forward', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/debiasing.html?n=16&T=0.2&gamma=0.02');
  await ready(page);
  const ratio = page.locator('#ratio');
  await expect(ratio).toHaveValue('-3');
  const before = await page.evaluate(() => history.length);
  await ratio.fill('-1');
  await expect(page).toHaveURL(/ratio=0\.1(&|$)/);
  await expect(page.locator('#ratio-value')).toHaveText('0.1');
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  await ready(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/ratio=/);
  await expect(ratio).toHaveValue('-3');
  await expect(page.locator('#ratio-value')).toHaveText('0.001');
  await ready(page);
  await page.goForward();
  await expect(page).toHaveURL(/ratio=0\.1(&|$)/);
  await expect(ratio).toHaveValue('-1');
  await expect(page.locator('#ratio-value')).toHaveText('0.1');
  await ready(page);
  expect(errors).toEqual([]);
});

test('debiasing: the final medians of both groups equal `adamscope run`', async ({ page }) => {
  const errors = watchErrors(page);
  // regression2d (p = 0.5, σ = 0.1) from x* + (0.02, −0.02), as the figure runs it; 50 steps.
  await expectComparisonMatchesCli(page, {
    figure: 'debiasing',
    config: { gamma: 0.02, a: 10, ratio: 0.001, n: 16, T: 1, seed: '5' },
    problemArgs: [
      ...['--problem', 'regression2d', '--p', '0.5', '--sigma', '0.1'],
      ...['--x0', `${3 + 0.02},${1 - 0.02}`],
    ],
  });
  expect(errors).toEqual([]);
});
