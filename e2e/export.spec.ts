/**
 * The toolbar under every figure (mount.ts): SVG, PNG, CSV and JSON downloads happen and parse
 * (JSON has the seed, CSV a header, the SVG parses, the PNG has the PNG signature), and dark
 * mode (`prefers-color-scheme: dark`) gives a dark page and charts drawn with the dark theme.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, ready, watchErrors } from './harness/checks.ts';

async function download(page: Page, kind: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-export="${kind}"]`).first().click(),
  ]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^random-seed-7\\.${kind}$`));
  return readFileSync(await file.path());
}

test('the random figure downloads as SVG, PNG, CSV and JSON', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/random.html?n=4096&seed=7&dist=uniform,normal&backend=cpu');
  await ready(page);
  const json = JSON.parse((await download(page, 'json')).toString('utf8')) as {
    figure: string;
    params: Record<string, string>;
    tables: Record<string, Record<string, unknown[]>>;
  };
  expect(json.figure).toBe('random');
  expect(json.params['seed']).toBe('7');
  expect(json.params['n']).toBe('4096');
  expect(Object.keys(json.tables)).toEqual(['uniform', 'normal']);
  const counts = json.tables['uniform']?.['count'] as number[];
  expect(counts.reduce((s, c) => s + c, 0)).toBe(4096);

  const csv = (await download(page, 'csv')).toString('utf8').split('\n');
  expect(csv[0]).toBe('# figure: random');
  expect(csv).toContain('# seed = 7');
  const table = csv.indexOf('# table: uniform');
  expect(table).toBeGreaterThan(0);
  expect(csv[table + 1]).toBe('bin_left,bin_right,count,density,law_density');
  expect(csv[table + 2]?.split(',').map(Number).every(Number.isFinite)).toBe(true);

  const svg = (await download(page, 'svg')).toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      root: doc.documentElement.tagName,
      errors: doc.getElementsByTagName('parsererror').length,
      charts: doc.querySelectorAll('svg > svg').length,
    };
  }, svg);
  expect(parsed).toEqual({ root: 'svg', errors: 0, charts: 2 });

  const png = await download(page, 'png');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(2000);

  await expect(page.locator('.af-summary')).toContainText('KS');
  await expect(page.locator('figure canvas').first()).toHaveAttribute('aria-label', /KS/);
  expect(errors).toEqual([]);
});

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the page is dark and the charts use the dark theme', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/random.html?n=4096&seed=7&dist=normal&backend=cpu');
    await ready(page);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/\d+/g) ?? []).map(Number);
    expect(0.2126 * r + 0.7152 * g + 0.0722 * b, background).toBeLessThan(60);
    const canvas = page.locator('figure canvas').first();
    await expect(canvas).toHaveAttribute('data-theme', 'dark');
    // The chart's own background (top-left pixel) is the dark theme's.
    const corner = await canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')?.getImageData(1, 1, 1, 1).data;
      return data ? [data[0], data[1], data[2]] : [];
    });
    expect(corner).toEqual([0x0d, 0x11, 0x17]);
    expect((await canvasPixels(canvas, { stride: 7 })).colours).toBeGreaterThan(8);
    await page.screenshot({
      path: 'test-results/screenshots/charts-random-dark.png',
      fullPage: true,
    });
    expect(errors).toEqual([]);
  });
});
