import { expect, test } from '@playwright/test';
import { readmeBlocks } from './harness/readmeBlocks.ts';

/**
 * The README's iframe snippets, as written (only the host is replaced by the dev server):
 * the framed gallery page reaches `ready`, shows its figure and fits the frame's size with
 * no scrollbar.
 */
const iframes = readmeBlocks().filter((b) => b.kind === 'iframe');

test('the README has iframe snippets', () => {
  expect(iframes.length).toBeGreaterThan(0);
});

for (const block of iframes) {
  test(`README iframe at line ${block.line} fits its frame`, async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const html = block.code.replace('https://your.host/adamscope/', `${baseURL}/`);
    await page.setContent(`<!doctype html><html><body style="margin:0">${html}</body></html>`);
    const frameElement = page.locator('iframe');
    const width = Number(await frameElement.getAttribute('width'));
    const height = Number(await frameElement.getAttribute('height'));
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    const size = await frame.locator('html').evaluate((html) => ({
      scrollWidth: html.scrollWidth,
      scrollHeight: html.scrollHeight,
      clientWidth: html.clientWidth,
      clientHeight: html.clientHeight,
    }));
    expect(size.clientWidth).toBe(width);
    expect(size.clientHeight).toBe(height);
    expect(size.scrollWidth, 'horizontal overflow').toBeLessThanOrEqual(size.clientWidth);
    expect(size.scrollHeight, 'vertical overflow').toBeLessThanOrEqual(size.clientHeight);
  });
}
