import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';

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
