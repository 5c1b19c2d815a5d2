/**
 * Drawing code of adamscope: plain arrays in, a canvas or an SVG string out. Never touches
 * GPU objects, so the same figures serve the browser demos and the SVG reports of Node.
 */
export type { DrawingSurface, ShapeStyle, TextStyle, Theme } from './surface.ts';
export { DEFAULT_THEME, DARK_THEME, preferredTheme, prefersDark, themed } from './surface.ts';
export { SvgSurface, escapeXml } from './svgSurface.ts';
export { CanvasSurface } from './canvasSurface.ts';
export {
  linearScale,
  logScale,
  scaleOf,
  ticks,
  tickStep,
  niceDomain,
  niceLogDomain,
  formatTick,
  tickFormat,
  logTicks,
  axisTicks,
  powerOfTen,
  type LinearScale,
  type ScaleType,
  type AxisTick,
} from './scale.ts';
export {
  drawAxes,
  frameFor,
  themeOf,
  DEFAULT_MARGINS,
  type AxesOptions,
  type Frame,
  type Margins,
} from './axes.ts';
export {
  drawLegend,
  emptyCorner,
  marksMeet,
  type LegendEntry,
  type LegendBox,
  type LegendPosition,
  type Marks,
  type Box,
} from './legend.ts';
export {
  histogram,
  drawHistogram,
  type Histogram,
  type HistogramOptions,
  type HistogramChartOptions,
} from './histogram.ts';
export {
  drawLineChart,
  chartFrame,
  type LineChartOptions,
  type LineSeries,
  type BandSeries,
} from './lineChart.ts';
export {
  drawHeatmap,
  heatColor,
  type HeatmapGrid,
  type HeatmapOptions,
  type HeatmapPath,
} from './heatmap.ts';
