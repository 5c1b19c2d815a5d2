import {
  DEFAULT_MARGINS,
  drawAxes,
  frameFor,
  themeOf,
  type AxesOptions,
  type Frame,
} from './axes.ts';
import { drawLegend } from './legend.ts';
import type { DrawingSurface } from './surface.ts';

/** A scalar field on a regular grid, e.g. a loss landscape F(c + a u + b v). */
export interface HeatmapGrid {
  /** Row-major values, `rows × columns`; row r is y = yDomain[0] + r·(step), bottom to top. */
  values: ArrayLike<number>;
  columns: number;
  rows: number;
  /** x of the first and last column, y of the first and last row (cell centres). */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/** A path drawn over the heat map (e.g. a projected training trajectory). */
export interface HeatmapPath {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color?: string;
  label?: string;
  /** Marks the first point with a dot (default true). */
  startDot?: boolean;
  /** Stroke width in pixels (default 1.8). */
  lineWidth?: number;
  /** A white halo under the stroke (default true). */
  halo?: boolean;
  /** Opacity of the stroke (default 1). */
  opacity?: number;
}

export interface HeatmapOptions extends AxesOptions {
  grid: HeatmapGrid;
  paths?: readonly HeatmapPath[];
  /** Colour by log10 of the value (default true: losses span decades). */
  logColor?: boolean;
  /** At most this many cells per axis are drawn (cells are averaged; default 96). */
  maxCells?: number;
}

/** Viridis-like stops (dark blue = low, yellow = high). */
const STOPS: readonly [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** The colour of t in [0, 1] on the heat map's colour scale. */
export function heatColor(t: number): string {
  const s = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 1)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(s));
  const f = s - i;
  const a = STOPS[i] ?? [0, 0, 0];
  const b = STOPS[i + 1] ?? [0, 0, 0];
  const c = (k: 0 | 1 | 2) => Math.round(a[k] + f * (b[k] - a[k]));
  return `rgb(${c(0)},${c(1)},${c(2)})`;
}

/** Range of the finite values (after log10 when asked). */
function colorRange(values: ArrayLike<number>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i] ?? NaN;
    const v = log ? Math.log10(raw) : raw;
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/**
 * Draws a heat map of `grid` with axes, and `paths` on top (canvas or SVG surface). Returns the
 * frame (for hit-testing on a page).
 *
 * @example
 * drawHeatmap(surface, { grid: { values, columns: 257, rows: 257, xDomain: [-1, 1], yDomain: [-1, 1] }, xLabel: 'a', yLabel: 'b' });
 */
export function drawHeatmap(surface: DrawingSurface, options: HeatmapOptions): Frame {
  const { grid } = options;
  const dx = (grid.xDomain[1] - grid.xDomain[0]) / Math.max(1, grid.columns - 1);
  const dy = (grid.yDomain[1] - grid.yDomain[0]) / Math.max(1, grid.rows - 1);
  const xDomain: [number, number] = [grid.xDomain[0] - dx / 2, grid.xDomain[1] + dx / 2];
  const yDomain: [number, number] = [grid.yDomain[0] - dy / 2, grid.yDomain[1] + dy / 2];
  const theme = themeOf(surface, options);
  // A legend (AxesOptions.legend) goes outside the plot area (right or below): never over the map.
  const legend = options.legend ?? [];
  const legendPosition =
    options.legendPosition === 'none'
      ? 'none'
      : options.legendPosition === 'bottom'
        ? 'bottom'
        : options.legendPosition === 'right'
          ? 'right'
          : 'auto';
  const log = options.logColor ?? true;
  const [lo, hi] = colorRange(grid.values, log);
  const range = log ? `log10 F from ${lo.toFixed(2)} (dark) to ${hi.toFixed(2)} (yellow)` : '';
  // The colour range goes right of the x label, or on a line of its own under it when the
  // plot is too narrow for both (0.6 em per character bounds the label's width).
  const plotWidth = surface.width - DEFAULT_MARGINS.left - DEFAULT_MARGINS.right;
  const ownLine = range !== '' && range.length * 11 * 0.6 > plotWidth / 2 - 16;
  const margins = ownLine
    ? { ...options.margins, bottom: (options.margins?.bottom ?? DEFAULT_MARGINS.bottom) + 16 }
    : options.margins;
  const frame = frameFor(surface, xDomain, yDomain, {
    ...options,
    ...(margins === undefined ? {} : { margins }),
    theme,
    legend,
    legendPosition,
  });
  drawAxes(surface, frame, { ...options, theme });
  const max = options.maxCells ?? 96;
  const cx = Math.max(1, Math.ceil(grid.columns / max));
  const cy = Math.max(1, Math.ceil(grid.rows / max));
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  surface.group?.({ mark: 'heatmap' });
  for (let r0 = 0; r0 < grid.rows; r0 += cy) {
    for (let c0 = 0; c0 < grid.columns; c0 += cx) {
      let sum = 0;
      let count = 0;
      for (let r = r0; r < Math.min(grid.rows, r0 + cy); r++) {
        for (let c = c0; c < Math.min(grid.columns, c0 + cx); c++) {
          const raw = grid.values[r * grid.columns + c] ?? NaN;
          const v = log ? Math.log10(raw) : raw;
          if (Number.isFinite(v)) {
            sum += v;
            count++;
          }
        }
      }
      const t = count > 0 ? (sum / count - lo) / (hi - lo || 1) : 1;
      const c1 = Math.min(grid.columns, c0 + cx);
      const r1 = Math.min(grid.rows, r0 + cy);
      const x0 = frame.x(grid.xDomain[0] + (c0 - 0.5) * dx);
      const x1 = frame.x(grid.xDomain[0] + (c1 - 0.5) * dx);
      const y0 = frame.y(grid.yDomain[0] + (r0 - 0.5) * dy);
      const y1 = frame.y(grid.yDomain[0] + (r1 - 0.5) * dy);
      // Slightly oversized cells hide the seams of anti-aliasing.
      surface.rect(
        Math.min(x0, x1),
        Math.min(y0, y1),
        Math.abs(x1 - x0) + 0.5,
        Math.abs(y1 - y0) + 0.5,
        { fill: heatColor(t) },
      );
    }
  }
  surface.endGroup?.();
  (options.paths ?? []).forEach((path, k) => {
    surface.group?.({ mark: 'path', series: String(k) });
    const points: number[] = [];
    for (let i = 0; i < path.x.length; i++)
      points.push(frame.x(path.x[i] ?? NaN), frame.y(path.y[i] ?? NaN));
    const color = path.color ?? theme.palette[k % theme.palette.length] ?? '#fff';
    const lineWidth = path.lineWidth ?? 1.8;
    if (path.halo ?? true)
      surface.polyline(points, { stroke: '#ffffff', lineWidth: lineWidth + 1.7, opacity: 0.7 });
    surface.polyline(points, { stroke: color, lineWidth, opacity: path.opacity ?? 1 });
    if (path.startDot ?? true) {
      const [x = NaN, y = NaN] = points;
      surface.rect(x - 3, y - 3, 6, 6, { fill: color, stroke: '#ffffff' });
    }
    surface.endGroup?.();
  });
  surface.unclip();
  if (legend.length > 0 && legendPosition !== 'none') drawLegend(surface, frame, legend);
  if (range) {
    surface.text(frame.left + frame.width, frame.top + frame.height + (ownLine ? 48 : 30), range, {
      align: 'end',
      baseline: 'top',
      size: 11,
      color: theme.mutedText,
    });
  }
  return frame;
}
