import { expect, test, type Page } from '@playwright/test';

/**
 * The figure pages of the gallery (regression, debiasing, dimension-100, theorems): each
 * renders with no console errors, its canvases are not blank, `?embed` shows the figure
 * only, and the regression cloud animates. Sizes are small (SwiftShader on two cores).
 */

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** Distinct colours of an element's pixels as composited on screen (works for WebGPU canvases). */
async function screenColours(page: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 3)
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    return colours.size;
  }, png.toString('base64'));
}

/** Number of non-transparent pixels of a canvas's own content, via drawImage (any context). */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((source: HTMLCanvasElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const context = canvas.getContext('2d');
    if (!context) return 0;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
}

/** Pages compile WGSL on a software GPU the first time: allow a generous first render. */
async function ready(page: Page): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
}

// The SwiftShader launch flags (including --use-vulkan=swiftshader, needed to present a
// WebGPU canvas) come from playwright.config.ts.
test.setTimeout(150_000);

test('regression: a WebGPU particle cloud that moves, the ODE path and F(x(t))', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/regression.html?n=256&T=6&gamma=0.02');
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.locator('#plane-particles')).toHaveAttribute('data-renderer', 'webgpu');
  expect(await screenColours(page, '#plane-base')).toBeGreaterThan(8);
  expect(await screenColours(page, '#loss-canvas')).toBeGreaterThan(8);
  const first = await page.locator('#plane-stack').screenshot();
  await expect
    .poll(async () => Number(await page.locator('body').getAttribute('data-step')))
    .toBeGreaterThan(40);
  const second = await page.locator('#plane-stack').screenshot();
  expect(first.equals(second)).toBe(false);
  expect(await screenColours(page, '#plane-stack')).toBeGreaterThan(16);
  await page.screenshot({ path: 'test-results/screenshots/regression.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('regression: without WebGPU the cpu backend draws the cloud on Canvas 2D', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await page.goto('/regression.html?n=64&T=4&gamma=0.02');
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.locator('.adamscope-notice').first()).toContainText(
    'falling back to the cpu backend',
  );
  await expect(page.locator('#plane-particles')).toHaveAttribute('data-renderer', 'canvas2d');
  await expect
    .poll(async () => Number(await page.locator('body').getAttribute('data-step')))
    .toBeGreaterThan(20);
  expect(await paintedPixels(page, '#plane-particles')).toBeGreaterThan(50);
  await page.screenshot({ path: 'test-results/screenshots/regression-cpu.png' });
  expect(errors).toEqual([]);
});

test('regression: ?embed shows the figures only', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 900, height: 480 });
  await page.goto('/regression.html?embed&n=256&T=4&gamma=0.02');
  await ready(page);
  await expect(page.locator('header')).toBeHidden();
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.locator('#embed-footer')).toBeVisible();
  await expect
    .poll(async () => Number(await page.locator('body').getAttribute('data-step')))
    .toBeGreaterThan(20);
  expect(await screenColours(page, '#plane-stack')).toBeGreaterThan(16);
  await page.screenshot({ path: 'test-results/screenshots/regression-embed.png' });
  expect(errors).toEqual([]);
});

test('debiasing: the debiased ODE against ADAM with and without bias correction', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/debiasing.html?n=64&T=0.6&gamma=0.02');
  await ready(page);
  expect(await screenColours(page, '#chart')).toBeGreaterThan(8);
  await expect(page.locator('#caption')).toContainText('max F − F(x0)');
  await page.screenshot({ path: 'test-results/screenshots/debiasing.png', fullPage: true });
  await page.goto('/debiasing.html?embed&n=64&T=0.6&gamma=0.02');
  await ready(page);
  await expect(page.locator('header')).toBeHidden();
  expect(await screenColours(page, '#chart')).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/debiasing-embed.png' });
  expect(errors).toEqual([]);
});

test('dimension-100: autonomous and debiased ODEs against the two ADAM ensembles', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/dimension-100.html?n=32&T=1&gamma=0.01&ratio=0.01');
  await ready(page);
  expect(await screenColours(page, '#chart')).toBeGreaterThan(8);
  await expect(page.locator('#ratio')).toHaveValue('0.01');
  await page.screenshot({ path: 'test-results/screenshots/dimension-100.png', fullPage: true });
  await page.goto('/dimension-100.html?embed&n=32&T=1&gamma=0.01');
  await ready(page);
  await expect(page.locator('#controls')).toBeHidden();
  expect(await screenColours(page, '#chart')).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/dimension-100-embed.png' });
  expect(errors).toEqual([]);
});

test('theorems: an experiment runs in the page and shows verdict, table and figures', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/theorems.html?experiment=reddi&trajectories=32');
  await ready(page);
  await expect(page.locator('#verdict')).not.toHaveText('running…');
  await expect(page.locator('table.report').first()).toBeVisible();
  const images = page.locator('#figures img');
  expect(await images.count()).toBeGreaterThan(0);
  expect(await screenColours(page, '#figures figure >> nth=0')).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/theorems.png', fullPage: true });
  await page.goto('/theorems.html?embed&experiment=reddi&trajectories=32');
  await ready(page);
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.locator('#verdict')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/theorems-embed.png' });
  expect(errors).toEqual([]);
});
