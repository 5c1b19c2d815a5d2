import type { Frame } from './axes.ts';
import type { DrawingSurface, ShapeStyle } from './surface.ts';

/** One legend entry: a swatch drawn like the series, and its label. */
export interface LegendEntry {
  label: string;
  style: ShapeStyle;
  /** `line` draws a short stroke, `box` a filled square. */
  kind: 'line' | 'box';
}

/** Draws the entries in the top-right corner of the plot area, one per row. */
export function drawLegend(
  surface: DrawingSurface,
  frame: Frame,
  entries: readonly LegendEntry[],
): void {
  const right = frame.left + frame.width - 8;
  entries.forEach((entry, row) => {
    const y = frame.top + 12 + row * 16;
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
