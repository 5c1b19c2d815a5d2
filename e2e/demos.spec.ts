import { expect, test } from '@playwright/test';
import { canvasPixels, ready, screenColours, watchErrors } from './harness/checks.ts';

/**
 * The figure pages of the gallery (regression, debiasing, dimension-100, theorems): each
 * renders with no console errors, its canvases are not blank, `?embed` shows the figure
 * only, and the regression cloud animates. Sizes are small (SwiftShader on two cores).
 */

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
  expect(await screenColours(page.locator('#plane-base'))).toBeGreaterThan(8);
  expect(await screenColours(page.locator('#loss-canvas'))).toBeGreaterThan(8);
  const first = await page.locator('#plane-stack').screenshot();
  await expect
    .poll(async () => Number(await page.locator('body').getAttribute('data-step')))
    .toBeGreaterThan(40);
  const second = await page.locator('#plane-stack').screenshot();
  expect(first.equals(second)).toBe(false);
  expect(await screenColours(page.locator('#plane-stack'))).toBeGreaterThan(16);
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
  expect((await canvasPixels(page.locator('#plane-particles'))).painted).toBeGreaterThan(50);
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
  expect(await screenColours(page.locator('#plane-stack'))).toBeGreaterThan(16);
  await page.screenshot({ path: 'test-results/screenshots/regression-embed.png' });
  expect(errors).toEqual([]);
});

test('debiasing: the debiased ODE against ADAM with and without bias correction', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/debiasing.html?n=64&T=0.6&gamma=0.02');
  await ready(page);
  expect(await screenColours(page.locator('#chart'))).toBeGreaterThan(8);
  await expect(page.locator('#caption')).toContainText('Along the debiased ODE, F(x(t)) − F(x0)');
  await page.screenshot({ path: 'test-results/screenshots/debiasing.png', fullPage: true });
  await page.goto('/debiasing.html?embed&n=64&T=0.6&gamma=0.02');
  await ready(page);
  await expect(page.locator('header')).toBeHidden();
  expect(await screenColours(page.locator('#chart'))).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/debiasing-embed.png' });
  expect(errors).toEqual([]);
});

test('dimension-100: autonomous and debiased ODEs against the two ADAM ensembles', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/dimension-100.html?n=32&T=1&gamma=0.01&ratio=0.01');
  await ready(page);
  expect(await screenColours(page.locator('#chart'))).toBeGreaterThan(8);
  await expect(page.locator('#ratio')).toHaveValue('0.01');
  await page.screenshot({ path: 'test-results/screenshots/dimension-100.png', fullPage: true });
  await page.goto('/dimension-100.html?embed&n=32&T=1&gamma=0.01');
  await ready(page);
  await expect(page.locator('#controls')).toBeHidden();
  expect(await screenColours(page.locator('#chart'))).toBeGreaterThan(8);
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
  // The figures are inline SVG redrawn at their column's width (text ≥ 11 px).
  const images = page.locator('#figures figure svg');
  expect(await images.count()).toBeGreaterThan(0);
  expect(await screenColours(page.locator('#figures figure >> nth=0'))).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/theorems.png', fullPage: true });
  await page.goto('/theorems.html?embed&experiment=reddi&trajectories=32');
  await ready(page);
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.locator('#verdict')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/theorems-embed.png' });
  expect(errors).toEqual([]);
});
