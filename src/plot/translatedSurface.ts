/**
 * A window of a drawing surface: what is drawn at (x, y) lands at (x + dx, y + dy) of
 * `surface`, so that several charts can share one SVG document (a figure's download) or one
 * canvas. Groups pass through, with a legend's `box` moved by the same offset, so that the
 * legend-overlap check reads the document's coordinates.
 */
import type { DrawingSurface } from './surface.ts';

export function translatedSurface(
  surface: DrawingSurface,
  dx: number,
  dy: number,
  width: number,
  height: number,
): DrawingSurface {
  const shift = (points: ArrayLike<number>) =>
    Array.from(points, (v, i) => v + (i % 2 === 0 ? dx : dy));
  const window: DrawingSurface = {
    width,
    height,
    rect: (x, y, w, h, style) => surface.rect(x + dx, y + dy, w, h, style),
    polyline: (points, style, closed) => surface.polyline(shift(points), style, closed),
    text: (x, y, text, style) => surface.text(x + dx, y + dy, text, style),
    clip: (x, y, w, h) => surface.clip(x + dx, y + dy, w, h),
    unclip: () => surface.unclip(),
  };
  if (surface.theme) Object.assign(window, { theme: surface.theme });
  if (surface.group && surface.endGroup) {
    const group = surface.group.bind(surface);
    window.group = (data) => {
      const box = data['box']?.split(' ').map(Number);
      if (box?.length !== 4 || box.some((v) => !Number.isFinite(v))) return group(data);
      const [x = 0, y = 0, w = 0, h = 0] = box;
      return group({ ...data, box: `${x + dx} ${y + dy} ${w} ${h}` });
    };
    window.endGroup = surface.endGroup.bind(surface);
  }
  return window;
}
