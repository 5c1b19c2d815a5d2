import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';

/**
 * Screenshots of the gallery's index at 1280 px (desktop) and 390 px (phone) wide, full page,
 * kept as test artifacts: attached to the test (Playwright's report) and written under the
 * test's output directory (test-results/e2e/screenshots-…/index-<width>.png). Also checked: no
 * horizontal overflow. The figure pages get the same checks (and, at 390 px, the figure above
 * the text, near the top) and their screenshots in the visit of e2e/legendOverlap.spec.ts: one
 * page load per figure and width instead of two.
 */

test.setTimeout(150_000);

for (const width of [1280, 390]) {
  const name = 'index';
  test(`${name} at ${width} px`, async ({ page }, testInfo) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await page.goto(`/${name}.html`);
    await ready(page);
    const path = testInfo.outputPath(`${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
    if (errors.length > 0) console.warn(`${name} at ${width} px:`, errors);
    // The page fits the width (formulas scroll inside their own box), and on a phone the
    // figure (on pages that have one) comes before the text, near the top.
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      figure: document.getElementById('figure-root')?.getBoundingClientRect().top,
      intro: document.querySelector('.intro')?.getBoundingClientRect().top,
    }));
    expect(layout.overflow, 'horizontal overflow').toBeLessThanOrEqual(0);
    if (width < 600 && layout.figure !== undefined) {
      expect(layout.figure).toBeLessThan(layout.intro ?? Infinity);
      expect(layout.figure).toBeLessThan(450);
    }
  });
}
