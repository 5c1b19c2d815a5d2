import { expect, test, type FrameLocator } from '@playwright/test';
import { FIGURE_NAMES } from '../src/browser/figures/catalog.ts';

/**
 * Every figure of FIGURE_INFO as `demos/<name>.html?embed` in an iframe of 700×440, then of
 * 960×540 (the frame resized, as an article's column would): the framed page has no overflow
 * (scrollHeight ≤ clientHeight, scrollWidth ≤ clientWidth) and its chart boxes keep a useful
 * size (the figure adapts to the frame's height instead of being cut). Every figure runs at
 * small sizes (SwiftShader); one this file does not know, with its defaults.
 */
const SMALL: Partial<Record<string, string>> = {
  random: 'n=4096',
  regression: 'n=256&T=4&gamma=0.02',
  debiasing: 'n=32&T=0.6&gamma=0.02',
  'dimension-100': 'n=16&T=1&gamma=0.02',
  theorems: 'experiment=lyapunov',
  // The layout does not depend on the sizes: every figure at a short horizon and few
  // trajectories (at their defaults the slowest took 20–30 s a test here).
  lyapunov: 'trajectories=2&T=1',
  'weak-convergence': 'n=16&T=0.5',
  'long-run': 'n=16&T=2',
  'heavy-ball': 'T=2',
  reddi: 'n=8&T=0.5',
  saddle: 'n=16&T=1&gamma=0.1',
  landscape: 'n=16&T=0.5',
  playground: 'trajectories=16&steps=20',
};

const SIZES = [
  { width: 700, height: 440 },
  { width: 960, height: 540 },
] as const;

test.setTimeout(150_000);

async function fit(frame: FrameLocator) {
  return frame.locator('html').evaluate(async (html) => {
    // Two animation frames: the figure redraws at its new size.
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
    const boxes = Array.from(
      document.querySelectorAll<HTMLElement>('.af-box, #figures img, #figures .af-svg'),
    )
      .filter((b) => b.offsetParent !== null)
      .map((b) => Math.round(b.getBoundingClientRect().height));
    return {
      scrollWidth: html.scrollWidth,
      scrollHeight: html.scrollHeight,
      clientWidth: html.clientWidth,
      clientHeight: html.clientHeight,
      bodyOverflow: document.body.scrollHeight - document.body.clientHeight,
      boxes,
    };
  });
}

for (const name of FIGURE_NAMES) {
  test(`${name}?embed fits frames of 700×440 and 960×540 with no scrollbar`, async ({
    page,
    baseURL,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const query = SMALL[name] ?? '';
    const [first] = SIZES;
    // The host page is served from the gallery's origin (a secure context, so the frame gets
    // WebGPU as a reader's would).
    const host = `${baseURL}/__embed-fit-host.html`;
    await page.route(host, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><body style="margin:0"><iframe src="${baseURL}/${name}.html?embed${query ? `&${query}` : ''}" width="${first.width}" height="${first.height}" style="border:0;display:block"></iframe></body></html>`,
      }),
    );
    await page.goto(host);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('body')).toHaveAttribute('data-state', 'ready', {
      timeout: 120_000,
    });
    for (const size of SIZES) {
      await page.locator('iframe').evaluate((iframe: HTMLIFrameElement, { width, height }) => {
        iframe.width = String(width);
        iframe.height = String(height);
      }, size);
      const measured = await fit(frame);
      const where = `${name} at ${size.width}×${size.height}: ${JSON.stringify(measured)}`;
      expect(measured.clientWidth, where).toBe(size.width);
      expect(measured.clientHeight, where).toBe(size.height);
      expect(measured.scrollWidth, `horizontal overflow, ${where}`).toBeLessThanOrEqual(
        measured.clientWidth,
      );
      expect(measured.scrollHeight, `vertical overflow, ${where}`).toBeLessThanOrEqual(
        measured.clientHeight,
      );
      expect(measured.boxes.length, where).toBeGreaterThan(0);
      expect(Math.min(...measured.boxes), `a chart squeezed flat, ${where}`).toBeGreaterThan(
        size.height / 3,
      );
      await page.screenshot({ path: test.info().outputPath(`${name}-${size.width}.png`) });
    }
    expect(errors).toEqual([]);
  });
}
