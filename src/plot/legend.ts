/**
 * Legends that never cover data: outside the plot area (to the right when the chart is wide,
 * below it when narrow) or in a corner of the plot area that is measured to be empty (the
 * marks' segments and boxes are checked against it). Swatches are drawn with the series' own
 * style (colour, width, dash), so solid and dashed curves are told apart.
 */
import type { Frame } from './axes.ts';
import type { DrawingSurface, ShapeStyle, Theme } from './surface.ts';

/** One legend entry: a swatch drawn like the series, and its label. */
export interface LegendEntry {
  label: string;
  style: ShapeStyle;
  /** `line` draws a short stroke, `box` a filled square. */
  kind: 'line' | 'box';
}

/** Where the legend goes: `auto` = an empty corner of the plot area if one fits, else outside. */
export type LegendPosition = 'auto' | 'right' | 'bottom' | 'inside' | 'none';

/** A legend's box in pixels, and whether its entries are stacked or flow in rows. */
export interface LegendBox {
  x: number;
  y: number;
  width: number;
  height: number;
  layout: 'column' | 'row';
  /** Where it is: outside the plot area or in one of its corners. */
  place: 'right' | 'bottom' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';
}

/** An axis-aligned box in pixels (a mark's extent, for the corner search). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ROW = 16;
const SWATCH = 22;
const PAD = 6;

/** Font size of legend labels. */
function labelSize(theme: Theme): number {
  return Math.max(11, theme.fontSize - 1);
}

/**
 * Width of a label in pixels. SVG has no text metrics without a DOM: 0.6 em per character
 * bounds the proportional fonts of the theme (digits and most letters are ≤ 0.6 em).
 */
export function labelWidth(label: string, theme: Theme): number {
  return [...label].length * labelSize(theme) * 0.6;
}

/** Vertical space of a stacked legend of `rows` entries, in pixels. */
export function legendHeight(rows: number): number {
  return rows > 0 ? 8 + rows * ROW : 0;
}

/** Width of one entry (swatch, gap, label). */
function entryWidth(entry: LegendEntry, theme: Theme): number {
  return SWATCH + PAD + labelWidth(entry.label, theme);
}

/** Size of a stacked (one entry per row) legend. */
export function columnSize(
  entries: readonly LegendEntry[],
  theme: Theme,
): { width: number; height: number } {
  const widest = Math.max(0, ...entries.map((e) => entryWidth(e, theme)));
  return { width: widest + 2 * PAD, height: legendHeight(entries.length) };
}

/** Rows of entries flowing left to right within `maxWidth`. */
function flow(entries: readonly LegendEntry[], theme: Theme, maxWidth: number): number[][] {
  const rows: number[][] = [];
  let row: number[] = [];
  let used = 0;
  entries.forEach((entry, k) => {
    const width = entryWidth(entry, theme) + 2 * PAD;
    if (row.length > 0 && used + width > maxWidth) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(k);
    used += width;
  });
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Height of a legend flowing in rows within `maxWidth`. */
export function rowHeight(entries: readonly LegendEntry[], theme: Theme, maxWidth: number): number {
  return legendHeight(flow(entries, theme, maxWidth).length);
}

/** Whether the legend goes to the right of a chart of this width (else below). */
export function legendOnRight(
  surfaceWidth: number,
  entries: readonly LegendEntry[],
  theme: Theme,
): boolean {
  return surfaceWidth >= 560 && columnSize(entries, theme).width <= 0.3 * surfaceWidth;
}

/** Whether segment (x0, y0)–(x1, y1) meets box `b` (Liang–Barsky clipping). */
function segmentMeets(b: Box, x0: number, y0: number, x1: number, y1: number): boolean {
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, x0 - b.x],
    [dx, b.x + b.width - x0],
    [-dy, y0 - b.y],
    [dy, b.y + b.height - y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** Whether point (px, py) is inside the closed polygon `points` (even–odd rule). */
function inside(points: ArrayLike<number>, px: number, py: number): boolean {
  let within = false;
  const n = Math.floor(points.length / 2);
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = points[2 * i] ?? 0;
    const yi = points[2 * i + 1] ?? 0;
    const xj = points[2 * j] ?? 0;
    const yj = points[2 * j + 1] ?? 0;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

/** The marks of a chart in pixels: polylines, closed polygons (filled) and boxes. */
export interface Marks {
  lines: ArrayLike<number>[];
  polygons: ArrayLike<number>[];
  boxes: Box[];
}

/** Whether any mark meets box `b`. */
export function marksMeet(marks: Marks, b: Box): boolean {
  const meetsPath = (points: ArrayLike<number>, closed: boolean) => {
    const n = Math.floor(points.length / 2);
    for (let i = 0; i + 1 < n + (closed ? 1 : 0); i++) {
      const j = (i + 1) % n;
      const x0 = points[2 * i] ?? NaN;
      const y0 = points[2 * i + 1] ?? NaN;
      const x1 = points[2 * j] ?? NaN;
      const y1 = points[2 * j + 1] ?? NaN;
      if (![x0, y0, x1, y1].every(Number.isFinite)) continue;
      if (segmentMeets(b, x0, y0, x1, y1)) return true;
    }
    if (n === 1) {
      const x = points[0] ?? NaN;
      const y = points[1] ?? NaN;
      return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    }
    return false;
  };
  for (const line of marks.lines) if (meetsPath(line, false)) return true;
  for (const polygon of marks.polygons) {
    if (meetsPath(polygon, true)) return true;
    if (inside(polygon, b.x + b.width / 2, b.y + b.height / 2)) return true;
  }
  return marks.boxes.some(
    (m) =>
      m.x < b.x + b.width && m.x + m.width > b.x && m.y < b.y + b.height && m.y + m.height > b.y,
  );
}

/**
 * A corner of the plot area of `frame` where the stacked legend fits without meeting any of
 * `marks` (a 4 px gap kept around it); undefined when no corner is empty.
 */
export function emptyCorner(
  frame: Frame,
  entries: readonly LegendEntry[],
  marks: Marks,
): LegendBox | undefined {
  const { width, height } = columnSize(entries, frame.theme);
  if (width > frame.width * 0.6 || height > frame.height * 0.6) return undefined;
  const inset = 4;
  const left = frame.left + inset;
  const right = frame.left + frame.width - inset - width;
  const top = frame.top + inset;
  const bottom = frame.top + frame.height - inset - height;
  const corners: [LegendBox['place'], number, number][] = [
    ['top-right', right, top],
    ['top-left', left, top],
    ['bottom-right', right, bottom],
    ['bottom-left', left, bottom],
  ];
  for (const [place, x, y] of corners) {
    const box = { x, y, width, height };
    const padded = {
      x: x - inset,
      y: y - inset,
      width: width + 2 * inset,
      height: height + 2 * inset,
    };
    if (!marksMeet(marks, padded)) return { ...box, layout: 'column', place };
  }
  return undefined;
}

/**
 * Draws the entries in `frame.legend` (the box `frameFor` reserved outside the plot area, or
 * an empty corner), or, for a frame without one, in the top-right corner of the plot area on
 * a translucent background (the old placement, for charts that reserve no room). The group
 * carries `data-legend` and its box as `data-box="x y width height"`.
 */
export function drawLegend(
  surface: DrawingSurface,
  frame: Frame,
  entries: readonly LegendEntry[],
  box: LegendBox | undefined = frame.legend,
): void {
  if (entries.length === 0) return;
  const theme = frame.theme;
  const placed: LegendBox = box ?? {
    ...columnSize(entries, theme),
    x: frame.left + frame.width - 4 - columnSize(entries, theme).width,
    y: frame.top + 4,
    layout: 'column',
    place: 'top-right',
  };
  const inPlot = placed.place !== 'right' && placed.place !== 'bottom';
  surface.group?.({
    legend: placed.place,
    box: [placed.x, placed.y, placed.width, placed.height].map((v) => v.toFixed(1)).join(' '),
  });
  if (inPlot) {
    surface.rect(placed.x, placed.y, placed.width, placed.height, {
      fill: theme.background,
      opacity: 0.85,
    });
  }
  const rows =
    placed.layout === 'row' ? flow(entries, theme, placed.width) : entries.map((_, k) => [k]);
  rows.forEach((row, r) => {
    const y = placed.y + 4 + ROW / 2 + r * ROW;
    let x = placed.x + PAD;
    for (const k of row) {
      const entry = entries[k];
      if (!entry) continue;
      if (entry.kind === 'box') {
        surface.rect(x + 6, y - 5, 10, 10, entry.style);
      } else {
        surface.polyline([x, y, x + SWATCH - 2, y], {
          ...entry.style,
          lineWidth: Math.min(3, entry.style.lineWidth ?? 1),
        });
      }
      surface.text(x + SWATCH + PAD - 2, y, entry.label, {
        baseline: 'middle',
        size: labelSize(theme),
      });
      x += entryWidth(entry, theme) + 2 * PAD;
    }
  });
  surface.endGroup?.();
}
