/**
 * Checks shared by the browser tests: console and page errors, the ready state of a page or
 * an element, and whether canvases are blank (their own pixels, or as composited on screen).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Collects console errors and uncaught page errors; tests assert there are none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * Waits for `data-state="ready"` on `target` (a page: its `<body>`). Shaders compile on a
 * software GPU the first time: a generous first render.
 */
export async function ready(target: Page | Locator): Promise<void> {
  const element = 'goto' in target ? target.locator('body') : target;
  // `error` is final (a re-mount starts again from `loading`): fail at once instead of
  // waiting out the timeout, with the page's error text in the message.
  await expect(element).toHaveAttribute('data-state', /^(ready|error)$/, { timeout: 90_000 });
  if ((await element.getAttribute('data-state')) === 'error') {
    const shown = await element
      .page()
      .locator('pre.error, .adamscope-error')
      .allTextContents()
      .catch(() => []);
    throw new Error(`data-state="error" instead of "ready": ${shown.join(' | ')}`);
  }
  // (A re-mount may have started in between: wait for its `ready` as before.)
  await expect(element).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
}

/** Distinct colours of an element as composited on screen (works for WebGPU canvases). */
export async function screenColours(target: Locator): Promise<number> {
  const png = await target.screenshot();
  return target.page().evaluate(async (base64) => {
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

/**
 * The pixels of a canvas's own content (any context, through drawImage): the number of
 * distinct RGBA colours among every `stride`-th pixel (a blank or one-colour canvas has at
 * most one), and the number of painted (non-transparent) pixels. With `size`, the canvas is
 * first scaled to `size` × `size`.
 */
export async function canvasPixels(
  canvas: Locator,
  options: { size?: number; stride?: number } = {},
): Promise<{ colours: number; painted: number }> {
  return canvas.evaluate(
    (source: HTMLCanvasElement, { size, stride }) => {
      const probe = document.createElement('canvas');
      probe.width = size ?? source.width;
      probe.height = size ?? source.height;
      const context = probe.getContext('2d');
      if (!context) return { colours: 0, painted: 0 };
      context.drawImage(source, 0, 0, probe.width, probe.height);
      const { data } = context.getImageData(0, 0, probe.width, probe.height);
      const colours = new Set<number>();
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) > 0) painted++;
        if ((i / 4) % stride === 0)
          colours.add(
            (data[i] ?? 0) * 2 ** 24 +
              (data[i + 1] ?? 0) * 2 ** 16 +
              (data[i + 2] ?? 0) * 2 ** 8 +
              (data[i + 3] ?? 0),
          );
      }
      return { colours: colours.size, painted };
    },
    { size: options.size, stride: options.stride ?? 1 },
  );
}
