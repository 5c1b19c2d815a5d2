import { expect, test } from '@playwright/test';
import { FIGURE_NAMES } from '../src/browser/figures/catalog.ts';
import { ready, watchErrors } from './harness/checks.ts';

/**
 * Without WebGPU (`navigator.gpu` deleted by an init script, as in a browser without it), the
 * page of every figure of FIGURE_INFO runs on the cpu backend with a visible notice saying so,
 * and at a reduced size where the figure caps it (a notice naming the cap). Default sizes: the
 * cap is what keeps them small.
 */
test.setTimeout(180_000);

for (const name of FIGURE_NAMES) {
  test(`${name}: without navigator.gpu the page runs on the cpu backend, with a notice`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      delete (Navigator.prototype as { gpu?: unknown }).gpu;
      delete (navigator as { gpu?: unknown }).gpu;
    });
    // Short runs where the figure has a horizon; sizes stay at their defaults (capped).
    const horizon = name === 'regression' ? '?T=1&gamma=0.02' : '';
    await page.goto(`/${name}.html${horizon}`);
    await ready(page);
    expect(await page.evaluate(() => 'gpu' in navigator)).toBe(false);
    await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
    const notices = page.locator('.adamscope-notice');
    await expect(notices.filter({ hasText: /WebGPU/ }).first()).toBeVisible();
    const texts = await notices.allTextContents();
    test.info().annotations.push({ type: 'notices', description: texts.join(' | ') });
    // A size above the figure's cpu cap is reduced, with a notice (the regression cloud: 4,096).
    if (name === 'regression')
      expect(texts.some((text) => /the cpu backend runs at most 256 trajectories/.test(text))).toBe(
        true,
      );
    expect(errors).toEqual([]);
  });
}
