/**
 * Drawing code of adamscope: plain arrays in, a canvas or an SVG string out. Never touches
 * GPU objects, so the same figures serve the browser demos and the SVG reports of Node.
 */
export type { DrawingSurface, ShapeStyle, TextStyle, Theme } from './surface.ts';
export { DEFAULT_THEME } from './surface.ts';
export { SvgSurface, escapeXml } from './svgSurface.ts';
export { CanvasSurface } from './canvasSurface.ts';
export { linearScale, ticks, tickStep, niceDomain, formatTick, type LinearScale } from './scale.ts';
export {
  drawAxes,
  frameFor,
  DEFAULT_MARGINS,
  type AxesOptions,
  type Frame,
  type Margins,
} from './axes.ts';
export { drawLegend, type LegendEntry } from './legend.ts';
export {
  histogram,
  drawHistogram,
  type Histogram,
  type HistogramOptions,
  type HistogramChartOptions,
} from './histogram.ts';
export {
  drawLineChart,
  type LineChartOptions,
  type LineSeries,
  type BandSeries,
} from './lineChart.ts';
