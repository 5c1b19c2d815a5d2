import type { Frame } from './axes.ts';
import type { DrawingSurface, ShapeStyle } from './surface.ts';

/** One legend entry: a swatch drawn like the series, and its label. */
export interface LegendEntry {
  label: string;
  style: ShapeStyle;
  /** `line` draws a short stroke, `box` a filled square. */
  kind: 'line' | 'box';
}

const LEGEND_ROW = 16;

/** Vertical space the legend takes at the top of the plot area, in pixels. */
export function legendHeight(rows: number): number {
  return rows > 0 ? 8 + rows * LEGEND_ROW : 0;
}

/**
 * Draws the entries in the top-right corner of the plot area, one per row, on a
 * translucent background so curves passing behind stay readable.
 */
export function drawLegend(
  surface: DrawingSurface,
  frame: Frame,
  entries: readonly LegendEntry[],
): void {
  if (entries.length === 0) return;
  const right = frame.left + frame.width - 8;
  const longest = Math.max(...entries.map((e) => e.label.length));
  // Text width is not measurable in SVG without a DOM: 0.6 em per character is a safe bound.
  const boxWidth = 40 + longest * frame.theme.fontSize * 0.6;
  surface.rect(right - boxWidth, frame.top + 2, boxWidth + 4, legendHeight(entries.length), {
    fill: frame.theme.background,
    opacity: 0.8,
  });
  entries.forEach((entry, row) => {
    const y = frame.top + 12 + row * LEGEND_ROW;
    const swatchLeft = right - 22;
    if (entry.kind === 'box') {
      surface.rect(swatchLeft + 6, y - 5, 10, 10, entry.style);
    } else {
      surface.polyline([swatchLeft, y, swatchLeft + 18, y], entry.style);
    }
    surface.text(swatchLeft - 6, y, entry.label, {
      align: 'end',
      baseline: 'middle',
      size: frame.theme.fontSize - 1,
    });
  });
}
