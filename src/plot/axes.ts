import {
  columnSize,
  legendOnRight,
  rowHeight,
  type LegendBox,
  type LegendEntry,
  type LegendPosition,
} from './legend.ts';
import { axisTicks, scaleOf, type LinearScale, type ScaleType } from './scale.ts';
import { DEFAULT_THEME, type DrawingSurface, type Theme } from './surface.ts';

/** Space around the plot area, in pixels. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGINS: Margins = { top: 34, right: 16, bottom: 44, left: 58 };

/** Titles and labels shared by every chart. */
export interface AxesOptions {
  title?: string;
  /** A second, smaller line under the title (sample size, KS distance, ...). */
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** Approximate number of ticks per axis (default 6 on x, 5 on y). */
  xTicks?: number;
  yTicks?: number;
  margins?: Partial<Margins>;
  /** Default: the surface's theme (the reader's colour scheme on a canvas), else DEFAULT_THEME. */
  theme?: Theme;
  /** `log` for a base-10 log axis with 10^k ticks (default `linear`). */
  xScale?: ScaleType;
  yScale?: ScaleType;
  /**
   * Entries whose legend `frameFor` makes room for outside the plot area: to the right when
   * the surface is wide, below when narrow (charts pass their own entries).
   */
  legend?: readonly LegendEntry[];
  /**
   * Where charts put their legend (default `auto`: an empty corner of the plot area if one
   * fits the legend, else outside); `inside` is the top-right corner whatever it covers.
   */
  legendPosition?: LegendPosition;
}

/** The plot area of a chart and its two scales. */
export interface Frame {
  x: LinearScale;
  y: LinearScale;
  left: number;
  top: number;
  width: number;
  height: number;
  theme: Theme;
  /** The legend's box, when the frame has one (see AxesOptions.legend). */
  legend?: LegendBox;
  /** Title and subtitle wrapped to the surface's width, and where they start. */
  heading?: Heading;
}

/** Title and subtitle lines of a chart and their left edge. */
export interface Heading {
  x: number;
  title: string[];
  subtitle: string[];
}

/**
 * Words of `text` in lines of at most `width` pixels at font `size` (0.58 em per character
 * bounds the theme's proportional fonts; a single longer word gets a line of its own).
 */
export function wrapText(text: string, width: number, size: number): string[] {
  const perLine = Math.max(8, Math.floor(width / (0.58 * size)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && [...line].length + 1 + [...word].length > perLine) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The title and subtitle of `options` wrapped to the surface (from the plot's left edge when they fit). */
function headingLines(
  surface: DrawingSurface,
  left: number,
  theme: Theme,
  options: AxesOptions,
): Heading {
  const fits = (x: number) => {
    const width = surface.width - x - 8;
    return {
      x,
      title: options.title ? wrapText(options.title, width, theme.fontSize + 2) : [],
      subtitle: options.subtitle
        ? wrapText(options.subtitle, width, Math.max(11, theme.fontSize - 1))
        : [],
    };
  };
  const wide = fits(left);
  return wide.title.length + wide.subtitle.length <= 2 ? wide : fits(8);
}

/** The theme of a chart: the option, else the surface's, else DEFAULT_THEME. */
export function themeOf(surface: DrawingSurface, options: Pick<AxesOptions, 'theme'>): Theme {
  return options.theme ?? surface.theme ?? DEFAULT_THEME;
}

/** Computes the plot area of `surface` for the given data domains. */
export function frameFor(
  surface: DrawingSurface,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  options: AxesOptions = {},
): Frame {
  const m = { ...DEFAULT_MARGINS, ...options.margins };
  const theme0 = themeOf(surface, options);
  const heading = headingLines(surface, m.left, theme0, options);
  m.top += 17 * Math.max(0, heading.title.length - 1) + 14 * heading.subtitle.length;
  if (!options.xLabel) m.bottom -= 16;
  const theme = theme0;
  const entries = options.legend ?? [];
  const position = options.legendPosition ?? 'auto';
  let place: 'right' | 'bottom' | undefined;
  if (entries.length > 0 && position !== 'none' && position !== 'inside') {
    place =
      position === 'right' || (position === 'auto' && legendOnRight(surface.width, entries, theme))
        ? 'right'
        : 'bottom';
  }
  let legendHeight = 0;
  let legendWidth = 0;
  if (place === 'right') {
    legendWidth = columnSize(entries, theme).width;
    m.right = Math.max(m.right, legendWidth + 16);
  } else if (place === 'bottom') {
    legendWidth = Math.max(10, surface.width - 16);
    legendHeight = rowHeight(entries, theme, legendWidth);
    m.bottom += legendHeight + 2;
  }
  const width = Math.max(10, surface.width - m.left - m.right);
  const height = Math.max(10, surface.height - m.top - m.bottom);
  const frame: Frame = {
    x: scaleOf(options.xScale ?? 'linear', xDomain, [m.left, m.left + width]),
    y: scaleOf(options.yScale ?? 'linear', yDomain, [m.top + height, m.top]),
    left: m.left,
    top: m.top,
    width,
    height,
    theme,
    heading,
  };
  if (place === 'right') {
    frame.legend = {
      x: m.left + width + 10,
      y: m.top,
      width: legendWidth,
      height: columnSize(entries, theme).height,
      layout: 'column',
      place,
    };
  } else if (place === 'bottom') {
    frame.legend = {
      x: 8,
      y: surface.height - legendHeight - 2,
      width: legendWidth,
      height: legendHeight,
      layout: 'row',
      place,
    };
  }
  return frame;
}

/**
 * Draws the background, grid lines, both axes with ticks and tick labels, axis labels and
 * the title. Charts call it first and then draw their data inside `frame`.
 */
export function drawAxes(surface: DrawingSurface, frame: Frame, options: AxesOptions = {}): void {
  const { x, y, left, top, width, height, theme } = frame;
  const bottom = top + height;
  const muted = { color: theme.mutedText, size: Math.max(11, theme.fontSize - 1) };
  surface.rect(0, 0, surface.width, surface.height, { fill: theme.background });
  // Fewer x ticks on narrow charts, so that labels never run into each other.
  const xCount = Math.min(options.xTicks ?? 6, Math.max(2, Math.floor(width / 70)));
  const yCount = Math.min(options.yTicks ?? 5, Math.max(2, Math.floor(height / 36)));
  for (const tick of axisTicks(x, xCount)) {
    const px = x(tick.value);
    if (!(px >= left - 0.5 && px <= left + width + 0.5)) continue;
    const major = tick.label !== undefined;
    if (major) surface.polyline([px, top, px, bottom], { stroke: theme.grid });
    surface.polyline([px, bottom, px, bottom + (major ? 4 : 2)], { stroke: theme.axis });
    if (tick.label !== undefined) {
      surface.text(px, bottom + 6, tick.label, { ...muted, align: 'middle', baseline: 'top' });
    }
  }
  for (const tick of axisTicks(y, yCount)) {
    const py = y(tick.value);
    if (!(py >= top - 0.5 && py <= bottom + 0.5)) continue;
    const major = tick.label !== undefined;
    if (major) surface.polyline([left, py, left + width, py], { stroke: theme.grid });
    surface.polyline([left - (major ? 4 : 2), py, left, py], { stroke: theme.axis });
    if (tick.label !== undefined) {
      surface.text(left - 6, py, tick.label, { ...muted, align: 'end', baseline: 'middle' });
    }
  }
  surface.polyline([left, top, left, bottom, left + width, bottom], { stroke: theme.axis });
  if (options.xLabel) {
    surface.text(left + width / 2, bottom + 38, options.xLabel, { align: 'middle' });
  }
  if (options.yLabel) {
    surface.text(14, top + height / 2, options.yLabel, {
      align: 'middle',
      baseline: 'middle',
      rotate: -90,
    });
  }
  const heading = frame.heading ?? {
    x: left,
    title: options.title ? [options.title] : [],
    subtitle: options.subtitle ? [options.subtitle] : [],
  };
  let lineTop = 8;
  for (const line of heading.title) {
    surface.text(heading.x, lineTop, line, {
      bold: true,
      baseline: 'top',
      size: theme.fontSize + 2,
    });
    lineTop += 17;
  }
  lineTop += 2;
  for (const line of heading.subtitle) {
    surface.text(heading.x, lineTop, line, { ...muted, baseline: 'top' });
    lineTop += 14;
  }
}
