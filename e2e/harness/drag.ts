/**
 * Dragging a point of a figure in the browser tests: the figure publishes the point's pixel
 * (CSS pixels of the element that handles the drag, `data-x0-pixel="px,py"`); the element is
 * first scrolled into view, because mouse events at a point below the fold never reach it
 * (the cause of the regression drag test's failure after the gallery's intro moved above the
 * figure at 1280 px).
 */
import { expect, type Locator } from '@playwright/test';

/** The published x0 pixel of `target`, in viewport coordinates, after scrolling it into view. */
export async function x0Point(target: Locator): Promise<{ x: number; y: number }> {
  await expect(target).toHaveAttribute('data-x0-pixel', /,/);
  await target.scrollIntoViewIfNeeded();
  const pixel = await target.getAttribute('data-x0-pixel');
  const [px, py] = (pixel ?? '').split(',').map(Number);
  const box = await target.boundingBox();
  if (!box || !Number.isFinite(px) || !Number.isFinite(py))
    throw new Error(`no x0 pixel on the target (${pixel})`);
  const point = { x: box.x + (px ?? 0), y: box.y + (py ?? 0) };
  const viewport = target.page().viewportSize();
  if (viewport && (point.y < 0 || point.y > viewport.height || point.x > viewport.width))
    throw new Error(`x0 at ${point.x},${point.y} is outside the viewport`);
  return point;
}

/**
 * Presses at x0 (checking the `grab` cursor first), moves by `steps` × (dx, dy) and releases.
 */
export async function dragX0(
  target: Locator,
  delta: { dx: number; dy: number },
  steps = 5,
): Promise<void> {
  const page = target.page();
  const start = await x0Point(target);
  await page.mouse.move(start.x, start.y);
  await expect.poll(() => target.evaluate((e) => (e as HTMLElement).style.cursor)).toBe('grab');
  await page.mouse.down();
  for (let k = 1; k <= steps; k++)
    await page.mouse.move(start.x + delta.dx * k, start.y + delta.dy * k);
  await page.mouse.up();
}
