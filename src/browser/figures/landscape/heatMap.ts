/**
 * The heat map of a 2-D landscape: F on a grid of cell centres over the view box (computed
 * once per problem and view, in float64 on the CPU: a few thousand evaluations of the
 * problem's `value`, far below a frame), coloured on a log scale of F − min F, with level
 * sets (marching squares, regression/levelSets.ts) on top. Drawn on any DrawingSurface, so
 * the same code makes the canvas and the SVG export.
 */
import type { Frame } from '../../../plot/axes.ts';
import type { DrawingSurface } from '../../../plot/surface.ts';
import { contourSegments } from '../regression/levelSets.ts';

/** F at the centres of a cols × rows grid over the box; row 0 is the bottom (y low). */
export interface HeatGrid {
  cols: number;
  rows: number;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** values[j·cols + i] = F(x_i, y_j) with x_i, y_j the centres of cell (i, j). */
  values: Float64Array;
  min: number;
  max: number;
}

/** The centre of cell i of n over [lo, hi]. */
export function cellCentre(lo: number, hi: number, i: number, n: number): number {
  return lo + ((i + 0.5) * (hi - lo)) / n;
}

/** F on the grid (min and max over the finite values). */
export function heatGrid(
  f: (x: number, y: number) => number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  cols: number,
  rows: number,
): HeatGrid {
  const values = new Float64Array(cols * rows);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < rows; j++) {
    const y = cellCentre(yDomain[0], yDomain[1], j, rows);
    for (let i = 0; i < cols; i++) {
      const v = f(cellCentre(xDomain[0], xDomain[1], i, cols), y);
      values[j * cols + i] = v;
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
  }
  return { cols, rows, xDomain, yDomain, values, min, max };
}

/** Position in [0, 1] of F on the map's log scale: log(1 + (F − min)/s) / log(1 + (max − min)/s). */
export function logPosition(grid: HeatGrid, value: number): number {
  const span = grid.max - grid.min;
  if (!(span > 0) || !Number.isFinite(value)) return 0;
  const s = span / 1000;
  const t = Math.log1p(Math.max(0, value - grid.min) / s) / Math.log1p(span / s);
  return Math.min(1, Math.max(0, t));
}

/** A light sequential colour map (low F: pale yellow; high F: light blue-grey), as CSS. */
export function heatColor(t: number): string {
  // Interpolates #fffbe6 → #e1eddc → #bccddb → #97aac0 (light, so particles stay visible).
  const stops: [number, number, number][] = [
    [255, 251, 230],
    [225, 237, 220],
    [188, 205, 219],
    [151, 170, 192],
  ];
  const x = Math.min(0.9999, Math.max(0, t)) * (stops.length - 1);
  const k = Math.floor(x);
  const u = x - k;
  const a = stops[k] ?? [0, 0, 0];
  const b = stops[k + 1] ?? a;
  const c = a.map((v, i) => Math.round(v + u * ((b[i] ?? v) - v)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** Levels of the contour lines: evenly spaced on the map's log scale. */
export function heatLevels(grid: HeatGrid, count: number): number[] {
  const span = grid.max - grid.min;
  if (!(span > 0)) return [];
  const s = span / 1000;
  return Array.from(
    { length: count },
    (_, k) => grid.min + s * Math.expm1(((k + 1) / (count + 1)) * Math.log1p(span / s)),
  );
}

/** Draws the cells and the level sets of `f` inside `frame` (clipped to it). */
export function drawHeatMap(
  surface: DrawingSurface,
  frame: Frame,
  grid: HeatGrid,
  f: (x: number, y: number) => number,
  levels = 10,
): void {
  const { cols, rows, xDomain, yDomain } = grid;
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  const cw = (xDomain[1] - xDomain[0]) / cols;
  const ch = (yDomain[1] - yDomain[0]) / rows;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const x = frame.x(xDomain[0] + i * cw);
      const y = frame.y(yDomain[0] + (j + 1) * ch);
      const w = frame.x(xDomain[0] + (i + 1) * cw) - x;
      const h = frame.y(yDomain[0] + j * ch) - y;
      const color = heatColor(logPosition(grid, grid.values[j * cols + i] ?? NaN));
      // Half a pixel of overlap hides the seams between cells.
      surface.rect(x, y, w + 0.5, h + 0.5, { fill: color });
    }
  }
  for (const level of heatLevels(grid, levels)) {
    const segments = contourSegments(f, xDomain, yDomain, level, 80);
    for (let s = 0; s + 3 < segments.length; s += 4) {
      surface.polyline(
        [
          frame.x(segments[s] ?? 0),
          frame.y(segments[s + 1] ?? 0),
          frame.x(segments[s + 2] ?? 0),
          frame.y(segments[s + 3] ?? 0),
        ],
        { stroke: '#7d8ea3', lineWidth: 0.8, opacity: 0.7 },
      );
    }
  }
  surface.unclip();
}
