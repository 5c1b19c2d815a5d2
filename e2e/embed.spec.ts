import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { ready, screenColours, watchErrors } from './harness/checks.ts';
import { serveStatic } from './harness/staticServer.ts';

/**
 * The script-tag embed: a plain static page (e2e/fixtures/) loads the built
 * dist/embed/adamscope-embed.js from a static server (no Vite) and shows
 * `<adamscope-figure>` in a 700 px and a 320 px column. Sizes are small (SwiftShader).
 */

const ROOT = resolve(import.meta.dirname, '..');
let server: Awaited<ReturnType<typeof serveStatic>>;
let origin = '';

test.beforeAll(async () => {
  // The script under test is the built one: build it from the current sources (unless
  // ADAMSCOPE_BUILT=1 says this run's dist/ was just built from them, as in .ci/run).
  if (process.env['ADAMSCOPE_BUILT'] !== '1' || !existsSync(resolve(ROOT, 'dist/embed')))
    execFileSync('npm', ['run', 'build:embed'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
  server = await serveStatic(ROOT);
  origin = server.url;
});

test.afterAll(() => server.close());

test.setTimeout(150_000);

/** The element's width, its column's width, and whether anything overflows horizontally. */
async function geometry(figure: Locator) {
  return figure.evaluate((element) => {
    const frame = element.shadowRoot?.querySelector('.frame');
    return {
      width: element.getBoundingClientRect().width,
      column: element.parentElement?.clientWidth ?? 0,
      elementOverflow: element.scrollWidth - element.clientWidth,
      frameOverflow: frame ? frame.scrollWidth - frame.clientWidth : -1,
      pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
}

const step = async (figure: Locator) => Number(await figure.getAttribute('data-step'));

for (const column of [700, 320]) {
  test(`regression in a ${column} px column: poster, lazy start, live figure, notices inside`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${origin}/e2e/fixtures/embed.html`);
    const figure = page.locator(`#figure-${column}`);
    // Below the fold: a poster, and no figure code or GPU work yet.
    await expect(figure).toHaveAttribute('data-state', 'poster');
    await expect(figure.locator('.poster')).toContainText('ADAM and its ODE on a 2-D regression');
    await expect(figure.locator('.poster button')).toBeVisible();
    await expect(figure.locator('canvas')).toHaveCount(0);
    const poster = await figure.evaluate((element) => element.getBoundingClientRect());
    expect(poster.width).toBe(column);
    expect(poster.height).toBeGreaterThan(column / 3);
    await figure.scrollIntoViewIfNeeded();
    await ready(figure);
    await expect(figure).toHaveAttribute('data-backend', 'webgpu');
    await expect(figure.locator('#plane-particles')).toHaveAttribute('data-renderer', 'webgpu');
    await expect(figure.locator('.adamscope-notice')).toContainText('software adapter');
    expect(await screenColours(figure.locator('#plane-base'))).toBeGreaterThan(8);
    expect(await screenColours(figure.locator('#loss-canvas'))).toBeGreaterThan(8);
    await expect.poll(() => step(figure)).toBeGreaterThan(10);
    const box = await geometry(figure);
    expect(box.width).toBe(column);
    expect(box.column).toBe(column);
    expect(box.elementOverflow).toBeLessThanOrEqual(0);
    expect(box.frameOverflow).toBeLessThanOrEqual(0);
    expect(box.pageOverflow).toBeLessThanOrEqual(0);
    await figure.screenshot({ path: `test-results/screenshots/embed-${column}.png` });
    // Off screen it pauses: the step stops moving.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(figure).toHaveAttribute('data-playing', 'false');
    const paused = await step(figure);
    await page.waitForTimeout(600);
    expect(await step(figure)).toBeLessThanOrEqual(paused + 1);
    expect(errors).toEqual([]);
  });
}

test('without WebGPU the element runs on the cpu backend and says so inside', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await page.goto(`${origin}/e2e/fixtures/embed.html`);
  const figure = page.locator('#figure-700');
  await figure.scrollIntoViewIfNeeded();
  await ready(figure);
  await expect(figure).toHaveAttribute('data-backend', 'cpu');
  await expect(figure.locator('.adamscope-notice').first()).toContainText(
    'falling back to the cpu backend',
  );
  await expect(figure.locator('#plane-particles')).toHaveAttribute('data-renderer', 'canvas2d');
  await expect.poll(() => step(figure)).toBeGreaterThan(5);
  expect(await screenColours(figure.locator('#plane-stack'))).toBeGreaterThan(8);
  expect(errors).toEqual([]);
});

test.describe('with prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('a still first frame until play is pressed', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`${origin}/e2e/fixtures/embed.html`);
    const figure = page.locator('#figure-700');
    await figure.scrollIntoViewIfNeeded();
    await ready(figure);
    const play = figure.locator('button.toggle');
    await expect(play).toHaveText('▶ play');
    await expect(figure).toHaveAttribute('data-playing', 'false');
    expect(await screenColours(figure.locator('#plane-stack'))).toBeGreaterThan(8);
    await page.waitForTimeout(1000);
    expect(await step(figure)).toBe(0);
    await play.click();
    await expect(play).toHaveText('❚❚ pause');
    await expect.poll(() => step(figure)).toBeGreaterThan(5);
    expect(errors).toEqual([]);
  });
});

test('an invalid attribute falls back to its default with a notice naming it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${origin}/e2e/fixtures/embed-invalid.html`);
  const figure = page.locator('#figure');
  await ready(figure);
  const notice = figure.locator('.adamscope-notice', { hasText: 'gamma' });
  await expect(notice).toContainText('invalid gamma = "abc"');
  await expect(notice).toContainText('using the default gamma = 0.01');
  expect(await screenColours(figure.locator('#plane-base'))).toBeGreaterThan(8);
  // A changed attribute re-mounts the figure; the notice of the old value goes away.
  await figure.evaluate((element) => element.setAttribute('gamma', '0.02'));
  await ready(figure);
  await expect(figure.locator('.adamscope-notice', { hasText: 'gamma' })).toHaveCount(0);
  await expect(figure.locator('#plane-caption')).toContainText('t = nγ');
  expect(errors).toEqual([]);
});
