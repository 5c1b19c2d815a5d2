import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';
import { expectComparisonMatchesCli } from './harness/comparisonCli.ts';

/**
 * Dimension-100 page: the b/a selector follows Back / Forward (the URL is the state). Tiny
 * sizes (SwiftShader, a shared machine).
 */
test.setTimeout(120_000);

test('dimension-100: the b/a selector follows Back and Forward', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/dimension-100.html?n=16&T=2&gamma=0.02');
  await ready(page);
  const select = page.locator('#ratio');
  await expect(select).toHaveValue('0.1');
  await select.selectOption('4');
  await expect(page).toHaveURL(/ratio=4(&|$)/);
  await ready(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/ratio=/);
  await expect(select).toHaveValue('0.1');
  await ready(page);
  await page.goForward();
  await expect(page).toHaveURL(/ratio=4(&|$)/);
  await expect(select).toHaveValue('4');
  await ready(page);
  expect(errors).toEqual([]);
});

test('dimension-100: the final medians of both groups equal `adamscope run`', async ({ page }) => {
  const errors = watchErrors(page);
  // quadratic-diag, d = 100, λ log-spaced in [0.01, 1], σ = 0.1, from x0 = 1; 100 steps.
  // Measured: the medians 1 ulp apart (ENGINES_RTOL).
  await expectComparisonMatchesCli(page, {
    figure: 'dimension-100',
    config: { gamma: 0.02, a: 10, ratio: 0.5, n: 8, T: 2, seed: '3' },
    problemArgs: [
      ...['--problem', 'quadratic-diag', '--dim', '100', '--sigma', '0.1'],
      ...['--lambda-min', '0.01', '--lambda-max', '1', '--x0', '1'],
    ],
  });
  expect(errors).toEqual([]);
});
