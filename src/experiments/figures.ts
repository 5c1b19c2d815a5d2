import { drawLineChart, SvgSurface, type LineChartOptions } from '../plot/index.ts';

/** Figure size of reports (pixels; the SVG scales). */
export const FIGURE_WIDTH = 720;
export const FIGURE_HEIGHT = 420;

/**
 * The chart options behind the SVG strings `lineChartSvg` made lately, so that a page can
 * redraw a report's figure at the width it is shown at (text stays 12 px instead of being
 * scaled down with a 720 px image). Bounded: the oldest entries are dropped.
 */
const CHARTS = new Map<string, LineChartOptions>();
const KEPT = 64;

/** A line chart as an SVG document, with the same drawing code as the demos. */
export function lineChartSvg(
  options: LineChartOptions,
  width = FIGURE_WIDTH,
  height = FIGURE_HEIGHT,
): string {
  const svg = redrawLineChart(options, width, height);
  CHARTS.set(svg, options);
  while (CHARTS.size > KEPT) {
    const oldest = CHARTS.keys().next().value;
    if (oldest === undefined) break;
    CHARTS.delete(oldest);
  }
  return svg;
}

/** The options `lineChartSvg` drew `svg` from, if it made it lately. */
export function chartOptionsOf(svg: string): LineChartOptions | undefined {
  return CHARTS.get(svg);
}

/** The chart of `options` as an SVG document of width × height pixels. */
export function redrawLineChart(options: LineChartOptions, width: number, height: number): string {
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
