import { drawAxes, frameFor, type AxesOptions, type Frame } from './axes.ts';
import { drawLegend, type LegendEntry } from './legend.ts';
import { niceDomain } from './scale.ts';
import type { DrawingSurface } from './surface.ts';

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
  /** Fixed y range; default the data range widened to nice ticks. */
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
  for (const line of options.lines ?? []) {
    extend(x, line.x);
    extend(y, line.y);
  }
  for (const band of options.bands ?? []) {
    extend(x, band.x);
    extend(y, band.lower);
    extend(y, band.upper);
  }
  if (!(x[1] >= x[0])) x.splice(0, 2, 0, 1);
  if (!(y[1] >= y[0])) y.splice(0, 2, 0, 1);
  return { x, y };
}

/** Pixel polyline of (xs, ys), split where a value is not finite. */
function pixelRuns(frame: Frame, xs: ArrayLike<number>, ys: ArrayLike<number>): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const xv = xs[i] ?? NaN;
    const yv = ys[i] ?? NaN;
    if (Number.isFinite(xv) && Number.isFinite(yv)) {
      run.push(frame.x(xv), frame.y(yv));
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function bandPolygon(frame: Frame, band: BandSeries): number[] {
  const n = Math.min(band.x.length, band.lower.length, band.upper.length);
  const points: number[] = [];
  for (let i = 0; i < n; i++) points.push(frame.x(band.x[i] ?? 0), frame.y(band.upper[i] ?? 0));
  for (let i = n - 1; i >= 0; i--)
    points.push(frame.x(band.x[i] ?? 0), frame.y(band.lower[i] ?? 0));
  return points;
}

/**
 * Draws curves and shaded bands on shared axes (bands first, then lines on top).
 *
 * @example
 * drawLineChart(surface, {
 *   title: 'F(x(t))', xLabel: 't',
 *   bands: [{ x: t, lower: q05, upper: q95, label: '5–95 %' }],
 *   lines: [{ x: t, y: median, label: 'median' }, { x: t, y: ode, label: 'ODE', dash: [5, 3] }],
 * });
 */
export function drawLineChart(surface: DrawingSurface, options: LineChartOptions): void {
  const data = dataDomains(options);
  const xDomain = options.xDomain ?? data.x;
  const yDomain = options.yDomain ?? niceDomain(data.y[0], data.y[1]);
  const frame = frameFor(surface, xDomain, yDomain, options);
  drawAxes(surface, frame, options);
  const palette = frame.theme.palette;
  const legend: LegendEntry[] = [];
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  (options.bands ?? []).forEach((band, k) => {
    const color = band.color ?? palette[k % palette.length] ?? '#0072b2';
    const style = { fill: color, opacity: band.opacity ?? 0.2 };
    surface.polyline(bandPolygon(frame, band), style, true);
    if (band.label) legend.push({ label: band.label, kind: 'box', style });
  });
  (options.lines ?? []).forEach((line, k) => {
    const color = line.color ?? palette[k % palette.length] ?? '#0072b2';
    const style = {
      stroke: color,
      lineWidth: line.lineWidth ?? 2,
      ...(line.dash ? { dash: line.dash } : {}),
    };
    for (const run of pixelRuns(frame, line.x, line.y)) surface.polyline(run, style);
    if (line.label) legend.push({ label: line.label, kind: 'line', style });
  });
  surface.unclip();
  drawLegend(surface, frame, legend);
}
