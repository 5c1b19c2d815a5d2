/**
 * Charts of every figure of FIGURE_INFO (issue 9), at 1280 and 390 px: the figure's SVG, as
 * downloaded from its toolbar, has no legend box over a plotted mark (test/legendGeometry.ts);
 * every SVG text shown in the page renders at ≥ 11 px and every canvas is drawn at its CSS size
 * (so the charts' 11–14 px text is not scaled down); charts carry an aria-label and the text
 * summary is in the DOM. The same visit holds the page checks of the gallery's screenshots (they
 * were e2e/screenshots.spec.ts's own visits, folded in to halve the page loads): the page fits the
 * width, and at 390 px the figure starts above the text, near the top; the full-page screenshot
 * is attached to the test and written to test-results/screenshots/charts-<figure>-<width>.png.
 * Figures run small, on the cpu backend (seconds on SwiftShader machines).
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { FIGURE_INFO } from '../src/browser/figures/catalog.ts';
import { checkLegends } from '../test/legendGeometry.ts';
import { ready, watchErrors } from './harness/checks.ts';

/** Small parameters of the figures this branch knows; others run with their defaults. */
const SMALL: Record<string, string> = {
  random: 'n=4096&seed=7',
  regression: 'n=64&T=1&paused',
  debiasing: 'n=8&T=0.6',
  'dimension-100': 'n=4&T=0.5',
  theorems: 'experiment=lyapunov',
};

/** The figure's SVG, through its toolbar's download button. */
async function downloadedSvg(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-export="svg"]').first().click(),
  ]);
  return readFileSync(await download.path(), 'utf8');
}

/** SVG texts in the page smaller than 11 px as rendered, and canvases scaled by CSS. */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const text of document.querySelectorAll<SVGTextElement>('.af-figure svg text')) {
      const svg = text.ownerSVGElement;
      if (!svg || !text.textContent || svg.getBoundingClientRect().width === 0) continue;
      const matrix = text.getScreenCTM();
      const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (size < 10.95) problems.push(`"${text.textContent}" at ${size.toFixed(1)} px`);
    }
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.af-figure canvas')) {
      const shown = canvas.getBoundingClientRect().width;
      const drawn = canvas.width / (globalThis.devicePixelRatio || 1);
      if (shown > 0 && Math.abs(shown - drawn) > 1.5)
        problems.push(`canvas drawn at ${drawn} px shown at ${shown.toFixed(0)} px`);
    }
    return problems;
  });
}

for (const name of Object.keys(FIGURE_INFO)) {
  for (const width of [1280, 390]) {
    test(`${name} at ${width} px: legends clear of data, text ≥ 11 px, labelled`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(120_000);
      const errors = watchErrors(page);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${name}.html?backend=cpu&${SMALL[name] ?? ''}`);
      await ready(page);
      // Give the redraws at the final layout a moment (ResizeObserver, animation frames).
      await page.waitForTimeout(300);
      const svg = await downloadedSvg(page);
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      const check = checkLegends(svg);
      expect(check.marks, 'marks tagged with data-mark').toBeGreaterThan(0);
      expect(check.overlaps).toEqual([]);
      expect(await smallText(page)).toEqual([]);
      const charts = page.locator('.af-figure canvas, .af-figure svg:not(svg svg)');
      const count = await charts.count();
      for (let i = 0; i < count; i++) {
        await expect(charts.nth(i)).toHaveAttribute('aria-label', /\S/);
      }
      await expect(page.locator('.af-summary').first()).not.toBeEmpty();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        'no horizontal overflow',
      ).toBeLessThanOrEqual(width);
      // The page fits the width (formulas scroll inside their own box), and on a phone the
      // figure comes before the text, near the top (from e2e/screenshots.spec.ts).
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
      const path = `test-results/screenshots/charts-${name}-${width}.png`;
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
      expect(errors).toEqual([]);
    });
  }
}
