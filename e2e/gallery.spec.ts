import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, watchErrors } from './harness/checks.ts';

/** Distinct colours of a canvas, every 7th pixel (a blank or one-colour canvas has at most one). */
async function canvasColourCount(page: Page, selector: string): Promise<number> {
  return (await canvasPixels(page.locator(selector), { stride: 7 })).colours;
}

test('the gallery index lists the demos', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/index.html');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const random = page.locator('.card a', { hasText: 'Random streams' });
  await expect(random).toHaveAttribute('href', './random.html');
  await expect(page.locator('.adamscope-notice')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/index.png' });
  expect(errors).toEqual([]);
});

test('the random page draws GPU histograms on a labelled software adapter', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/random.html?n=65536&seed=7');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.locator('#adapter')).toContainText('swiftshader');
  await expect(page.getByTestId('adapter-kind')).toHaveText('software adapter');
  const figures = page.locator('figure');
  await expect(figures).toHaveCount(3);
  for (const distribution of ['uniform', 'normal', 'bernoulli']) {
    const figure = page.locator(`figure[data-distribution="${distribution}"]`);
    expect(
      await canvasColourCount(page, `figure[data-distribution="${distribution}"] canvas`),
    ).toBeGreaterThan(8);
    // 65536 draws: a correct generator stays below the 5 % critical values (0.0053 for KS).
    const distance = Number(await figure.getAttribute('data-distance'));
    expect(distance).toBeLessThan(0.01);
    await expect(figure.locator('figcaption')).toContainText('below the 5 % critical value');
  }
  await page.screenshot({ path: 'test-results/screenshots/random.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('the embed view renders only the figure', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 720, height: 520 });
  await page.goto('/random.html?embed&dist=normal&n=16384');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('figure')).toHaveCount(1);
  await expect(page.locator('header')).toBeHidden();
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.locator('#embed-footer')).toBeVisible();
  expect(await canvasColourCount(page, 'figure canvas')).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/random-embed.png' });
  expect(errors).toEqual([]);
});

test('without WebGPU the page says so and draws from the CPU twin', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    // Simulate a browser without WebGPU: navigator.gpu is a prototype getter.
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await page.goto('/random.html?n=16384');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  const notice = page.locator('.adamscope-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('falling back to the cpu backend');
  await expect(page.locator('figure')).toHaveCount(3);
  expect(
    await canvasColourCount(page, 'figure[data-distribution="normal"] canvas'),
  ).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/random-cpu.png' });
  await page.goto('/index.html');
  await expect(page.locator('.adamscope-notice')).toContainText('no WebGPU');
  expect(errors).toEqual([]);
});
