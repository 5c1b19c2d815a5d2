import { expect, test } from '@playwright/test';
import { FIGURE_NAMES } from '../src/browser/figures/catalog.ts';
import { ready, watchErrors } from './harness/checks.ts';

/**
 * Screenshots of every page of the gallery (each figure of FIGURE_INFO, and the index) at
 * 1280 px (desktop) and 390 px (phone) wide, full page, kept as test artifacts: attached to
 * the test (Playwright's report) and written under the test's output directory
 * (test-results/e2e/screenshots-…/<page>-<width>.png). Small sizes on purpose (SwiftShader):
 * the figure's defaults with fewer trajectories where that keeps the page the same. Also
 * checked: no horizontal overflow, and at 390 px the figure starts above the text, near the top.
 */

/** Smaller ensembles than the defaults, for a software GPU (the figure looks the same). */
const SMALL: Partial<Record<string, string>> = {
  random: 'n=16384',
  regression: 'n=1024&paused',
  debiasing: 'n=256',
  'dimension-100': 'n=128',
  theorems: '',
};

const PAGES = ['index', ...FIGURE_NAMES];

test.setTimeout(150_000);

for (const width of [1280, 390]) {
  for (const name of PAGES) {
    test(`${name} at ${width} px`, async ({ page }, testInfo) => {
      const errors = watchErrors(page);
      await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
      const query = SMALL[name] ?? '';
      await page.goto(`/${name}.html${query ? `?${query}` : ''}`);
      await ready(page);
      // Let a live figure draw a few frames past the first.
      await page.waitForTimeout(1500);
      const path = testInfo.outputPath(`${name}-${width}.png`);
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
      if (errors.length > 0) console.warn(`${name} at ${width} px:`, errors);
      // The page fits the width (formulas scroll inside their own box), and on a phone the
      // figure comes before the text, near the top.
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
}
