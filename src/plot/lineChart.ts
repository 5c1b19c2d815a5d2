import { drawAxes, frameFor, themeOf, type AxesOptions, type Frame } from './axes.ts';
import { drawLegend, emptyCorner, type LegendEntry, type Marks } from './legend.ts';
import { niceDomain, niceLogDomain } from './scale.ts';
import type { DrawingSurface, ShapeStyle } from './surface.ts';

/** A curve y(x), e.g. F(x(t)) against t. */
export interface LineSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  label?: string;
  color?: string;
  lineWidth?: number;
  dash?: readonly number[];
}

/** A shaded band between two curves, e.g. the 5 %–95 % quantiles of an ensemble. */
export interface BandSeries {
  x: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  label?: string;
  color?: string;
  /** Fill opacity (default 0.2). */
  opacity?: number;
}

export interface LineChartOptions extends AxesOptions {
  lines?: readonly LineSeries[];
  bands?: readonly BandSeries[];
  /** Fixed x range; default the range of the data. */
  xDomain?: readonly [number, number];
  /** Fixed y range; default the data range widened to nice ticks (whole decades on a log axis). */
  yDomain?: readonly [number, number];
}

function extend(range: [number, number], values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (Number.isFinite(v)) {
      range[0] = Math.min(range[0], v);
      range[1] = Math.max(range[1], v);
    }
  }
}

function dataDomains(options: LineChartOptions): { x: [number, number]; y: [number, number] } {
  const x: [number, number] = [Infinity, -Infinity];
  const y: [number, number] = [Infinity, -Infinity];
  // A log axis shows positive values only.
  const xs = (v: ArrayLike<number>) => (options.xScale === 'log' ? positive(v) : v);
  const ys = (v: ArrayLike<number>) => (options.yScale === 'log' ? positive(v) : v);
  for (const line of options.lines ?? []) {
    extend(x, xs(line.x));
    extend(y, ys(line.y));
  }
  for (const band of options.bands ?? []) {
    extend(x, xs(band.x));
    extend(y, ys(band.lower));
    extend(y, ys(band.upper));
  }
  if (!(x[1] >= x[0])) x.splice(0, 2, 0, 1);
  if (!(y[1] >= y[0])) y.splice(0, 2, 0, 1);
  return { x, y };
}

function positive(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (v > 0 ? v : NaN));
}

/** Pixel polyline of (xs, ys), split where a value is not finite (or not positive on a log axis). */
function pixelRuns(frame: Frame, xs: ArrayLike<number>, ys: ArrayLike<number>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const px = frame.x(xs[i] ?? NaN);
    const py = frame.y(ys[i] ?? NaN);
    if (Number.isFinite(px) && Number.isFinite(py)) {
      run.push(px, py);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The band as closed polygons, split where a value is not finite (not positive on a log axis). */
function bandPolygons(frame: Frame, band: BandSeries): number[][] {
  const n = Math.min(band.x.length, band.lower.length, band.upper.length);
  const polygons: number[][] = [];
  let upper: number[] = [];
  let lower: number[] = [];
  const close = () => {
    if (upper.length >= 4) {
      const points = [...upper];
      for (let i = lower.length - 2; i >= 0; i -= 2) points.push(lower[i] ?? 0, lower[i + 1] ?? 0);
      polygons.push(points);
    }
    upper = [];
    lower = [];
  };
  for (let i = 0; i < n; i++) {
    const px = frame.x(band.x[i] ?? NaN);
    const pu = frame.y(band.upper[i] ?? NaN);
    const pl = frame.y(band.lower[i] ?? NaN);
    if ([px, pu, pl].every(Number.isFinite)) {
      upper.push(px, pu);
      lower.push(px, pl);
    } else close();
  }
  close();
  return polygons;
}

/** What a line chart draws, in pixels for `frame`. */
interface Drawn {
  bands: { polygons: number[][]; style: ShapeStyle }[];
  lines: { runs: number[][]; style: ShapeStyle }[];
  legend: LegendEntry[];
}

function layout(frame: Frame, options: LineChartOptions): Drawn {
  const palette = frame.theme.palette;
  const legend: LegendEntry[] = [];
  const bands = (options.bands ?? []).map((band, k) => {
    const color = band.color ?? palette[k % palette.length] ?? '#0072b2';
    const style = { fill: color, opacity: band.opacity ?? 0.2 };
    if (band.label) legend.push({ label: band.label, kind: 'box', style });
    return { polygons: bandPolygons(frame, band), style };
  });
  const lines = (options.lines ?? []).map((line, k) => {
    const color = line.color ?? palette[k % palette.length] ?? '#0072b2';
    const style = {
      stroke: color,
      lineWidth: line.lineWidth ?? 2,
      ...(line.dash ? { dash: line.dash } : {}),
    };
    if (line.label) legend.push({ label: line.label, kind: 'line', style });
    return { runs: pixelRuns(frame, line.x, line.y), style };
  });
  return { bands, lines, legend };
}

/** The marks of `drawn`, for the legend's corner search. */
function marksOf(drawn: Drawn): Marks {
  return {
    lines: drawn.lines.flatMap((l) => l.runs),
    polygons: drawn.bands.flatMap((b) => b.polygons),
    boxes: [],
  };
}

/**
 * The frame of a chart and its legend: in an empty corner of the plot area when the legend
 * fits one (`legendPosition` `auto`, the default), else outside the plot area (frameFor
 * reserves the room), or where `legendPosition` says.
 */
export function chartFrame(
  surface: DrawingSurface,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  options: AxesOptions,
  legendOf: (frame: Frame) => { legend: LegendEntry[]; marks: Marks },
): Frame {
  const position = options.legendPosition ?? 'auto';
  const base = { ...options, legend: [] };
  const probe = frameFor(surface, xDomain, yDomain, base);
  const { legend, marks } = legendOf(probe);
  if (legend.length === 0 || position === 'none' || position === 'inside') return probe;
  if (position === 'auto') {
    const corner = emptyCorner(probe, legend, marks);
    if (corner) return { ...probe, legend: corner };
  }
  return frameFor(surface, xDomain, yDomain, { ...options, legend });
}

/**
 * Draws curves and shaded bands on shared axes (bands first, then lines on top); returns the
 * plot frame (its scales map data to the surface's pixels: figures use it to drag a point).
 *
 * @example
 * drawLineChart(surface, {
 *   title: 'F(x(t))', xLabel: 't',
 *   bands: [{ x: t, lower: q05, upper: q95, label: '5–95 %' }],
 *   lines: [{ x: t, y: median, label: 'median' }, { x: t, y: ode, label: 'ODE', dash: [5, 3] }],
 * });
 */
export function drawLineChart(surface: DrawingSurface, options: LineChartOptions): Frame {
  const data = dataDomains(options);
  const xDomain =
    options.xDomain ??
    (options.xScale === 'log' && !(data.x[0] > 0) ? niceLogDomain(data.x[0], data.x[1]) : data.x);
  const yDomain =
    options.yDomain ??
    (options.yScale === 'log'
      ? niceLogDomain(data.y[0], data.y[1])
      : niceDomain(data.y[0], data.y[1]));
  const theme = themeOf(surface, options);
  const frame = chartFrame(surface, xDomain, yDomain, { ...options, theme }, (probe) => {
    const drawn = layout(probe, options);
    return { legend: drawn.legend, marks: marksOf(drawn) };
  });
  const drawn = layout(frame, options);
  drawAxes(surface, frame, options);
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  drawn.bands.forEach((band, k) => {
    surface.group?.({ mark: 'band', series: String(k) });
    for (const polygon of band.polygons) surface.polyline(polygon, band.style, true);
    surface.endGroup?.();
  });
  drawn.lines.forEach((line, k) => {
    surface.group?.({ mark: 'line', series: String(k) });
    for (const run of line.runs) surface.polyline(run, line.style);
    surface.endGroup?.();
  });
  surface.unclip();
  if (options.legendPosition !== 'none') drawLegend(surface, frame, drawn.legend);
  return frame;
}
