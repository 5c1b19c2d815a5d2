import { formatTick, linearScale, ticks, type LinearScale } from './scale.ts';
import { DEFAULT_THEME, type DrawingSurface, type Theme } from './surface.ts';

/** Space around the plot area, in pixels. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGINS: Margins = { top: 34, right: 16, bottom: 44, left: 58 };

/** Titles and labels shared by every chart. */
export interface AxesOptions {
  title?: string;
  /** A second, smaller line under the title (sample size, KS distance, ...). */
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** Approximate number of ticks per axis (default 6 on x, 5 on y). */
  xTicks?: number;
  yTicks?: number;
  margins?: Partial<Margins>;
  theme?: Theme;
}

/** The plot area of a chart and its two scales. */
export interface Frame {
  x: LinearScale;
  y: LinearScale;
  left: number;
  top: number;
  width: number;
  height: number;
  theme: Theme;
}

/** Computes the plot area of `surface` for the given data domains. */
export function frameFor(
  surface: DrawingSurface,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  options: AxesOptions = {},
): Frame {
  const m = { ...DEFAULT_MARGINS, ...options.margins };
  if (options.subtitle) m.top += 14;
  const width = Math.max(10, surface.width - m.left - m.right);
  const height = Math.max(10, surface.height - m.top - m.bottom);
  return {
    x: linearScale(xDomain, [m.left, m.left + width]),
    y: linearScale(yDomain, [m.top + height, m.top]),
    left: m.left,
    top: m.top,
    width,
    height,
    theme: options.theme ?? DEFAULT_THEME,
  };
}

/**
 * Draws the background, grid lines, both axes with ticks and tick labels, axis labels and
 * the title. Charts call it first and then draw their data inside `frame`.
 */
export function drawAxes(surface: DrawingSurface, frame: Frame, options: AxesOptions = {}): void {
  const { x, y, left, top, width, height, theme } = frame;
  const bottom = top + height;
  const muted = { color: theme.mutedText, size: theme.fontSize - 1 };
  surface.rect(0, 0, surface.width, surface.height, { fill: theme.background });
  for (const value of ticks(x.domain[0], x.domain[1], options.xTicks ?? 6)) {
    const px = x(value);
    surface.polyline([px, top, px, bottom], { stroke: theme.grid });
    surface.polyline([px, bottom, px, bottom + 4], { stroke: theme.axis });
    surface.text(px, bottom + 6, formatTick(value), { ...muted, align: 'middle', baseline: 'top' });
  }
  for (const value of ticks(y.domain[0], y.domain[1], options.yTicks ?? 5)) {
    const py = y(value);
    surface.polyline([left, py, left + width, py], { stroke: theme.grid });
    surface.polyline([left - 4, py, left, py], { stroke: theme.axis });
    surface.text(left - 6, py, formatTick(value), { ...muted, align: 'end', baseline: 'middle' });
  }
  surface.polyline([left, top, left, bottom, left + width, bottom], { stroke: theme.axis });
  if (options.xLabel) {
    surface.text(left + width / 2, surface.height - 6, options.xLabel, { align: 'middle' });
  }
  if (options.yLabel) {
    surface.text(14, top + height / 2, options.yLabel, {
      align: 'middle',
      baseline: 'middle',
      rotate: -90,
    });
  }
  if (options.title) {
    surface.text(left, 8, options.title, { bold: true, baseline: 'top', size: theme.fontSize + 2 });
  }
  if (options.subtitle) {
    surface.text(left, 27, options.subtitle, { ...muted, baseline: 'top' });
  }
}
