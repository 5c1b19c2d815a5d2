import { drawLineChart, SvgSurface, type LineChartOptions } from '../plot/index.ts';

/** Figure size of reports (pixels; the SVG scales). */
export const FIGURE_WIDTH = 720;
export const FIGURE_HEIGHT = 420;

/** A line chart as an SVG document, with the same drawing code as the demos. */
export function lineChartSvg(
  options: LineChartOptions,
  width = FIGURE_WIDTH,
  height = FIGURE_HEIGHT,
): string {
  const surface = new SvgSurface(width, height);
  drawLineChart(surface, options);
  return surface.toString();
}

/**
 * log10 of each value (non-positive values become NaN and break the curve). Charts prefer a
 * log axis (`xScale` / `yScale: 'log'`, 10^k ticks) over plotting log10 values.
 */
export function log10All(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (v > 0 ? Math.log10(v) : NaN));
}
