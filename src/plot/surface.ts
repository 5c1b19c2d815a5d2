/**
 * The drawing surface of every figure: a handful of primitives in pixel coordinates (origin
 * top-left, y down) that both a browser canvas and an SVG string can implement. Figures are
 * written once against this interface, so a demo on a canvas and a report saved as SVG from
 * Node come from the same code.
 */

/** Stroke and fill of a shape; colours are CSS colour strings. */
export interface ShapeStyle {
  /** Fill colour; omitted = no fill. */
  fill?: string;
  /** Stroke colour; omitted = no stroke. */
  stroke?: string;
  /** Stroke width in pixels (default 1). */
  lineWidth?: number;
  /** Dash pattern in pixels, e.g. `[4, 3]`. */
  dash?: readonly number[];
  /** Opacity of the whole shape in [0, 1] (default 1). */
  opacity?: number;
}

/** How a text is placed and drawn. */
export interface TextStyle {
  /** Text colour (default the theme's text colour). */
  color?: string;
  /** Font size in pixels. */
  size?: number;
  /** Horizontal anchor: where `x` is relative to the text. */
  align?: 'start' | 'middle' | 'end';
  /** Vertical anchor: where `y` is relative to the text. */
  baseline?: 'top' | 'middle' | 'bottom';
  /** Bold text. */
  bold?: boolean;
  /** Rotation in degrees around (x, y), e.g. -90 for a y-axis label. */
  rotate?: number;
}

/** A 2-D drawing target. Coordinates are CSS pixels. */
export interface DrawingSurface {
  readonly width: number;
  readonly height: number;
  /** An axis-aligned rectangle. */
  rect(x: number, y: number, width: number, height: number, style: ShapeStyle): void;
  /** A polyline through `points` ([x0, y0, x1, y1, ...]); `closed` joins the last point to the first. */
  polyline(points: ArrayLike<number>, style: ShapeStyle, closed?: boolean): void;
  /** A text label. */
  text(x: number, y: number, text: string, style: TextStyle): void;
  /** Restricts later shapes to a rectangle until `unclip()` (plot areas clip their curves). */
  clip(x: number, y: number, width: number, height: number): void;
  /** Ends the current clip. */
  unclip(): void;
  /** The theme the surface was made with (charts default to it). */
  readonly theme?: Theme;
  /**
   * Opens a group of the following shapes with `data-*` attributes (an SVG `<g>`; a no-op on
   * a canvas), so that tests can find legends and marks in the output. Closed by `endGroup`.
   */
  group?(data: Readonly<Record<string, string>>): void;
  /** Closes the group opened last. */
  endGroup?(): void;
}

/** Shared look of all figures. */
export interface Theme {
  background: string;
  text: string;
  mutedText: string;
  axis: string;
  grid: string;
  fontFamily: string;
  fontSize: number;
  /** Series colours, used in order. */
  palette: readonly string[];
  /** Whether the background is dark. */
  dark?: boolean;
  /**
   * Colours the figures hard-code for a light background (black curves, grey markers, white
   * outlines) and what to draw instead: both surfaces apply it to every fill, stroke and text.
   */
  colorMap?: Readonly<Record<string, string>>;
}

/** The default theme: light background, colour-blind-safe palette (Okabe–Ito). */
export const DEFAULT_THEME: Theme = {
  background: '#ffffff',
  text: '#1f2328',
  mutedText: '#59636e',
  axis: '#59636e',
  grid: '#e6e8eb',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: 12,
  palette: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'],
};

/**
 * The dark theme (`prefers-color-scheme: dark`): the same Okabe–Ito hues, black replaced by a
 * light grey, on the page's dark background (demos/shared/style.css, style.ts).
 */
export const DARK_THEME: Theme = {
  background: '#0d1117',
  text: '#e6edf3',
  mutedText: '#9198a1',
  axis: '#9198a1',
  grid: '#262c36',
  fontFamily: DEFAULT_THEME.fontFamily,
  fontSize: 12,
  palette: ['#56b4e9', '#e69f00', '#009e73', '#cc79a7', '#f0e442', '#0072b2', '#e6edf3'],
  dark: true,
  colorMap: {
    '#000000': '#e6edf3',
    '#000': '#e6edf3',
    black: '#e6edf3',
    '#1f2328': '#e6edf3',
    '#59636e': '#9198a1',
    '#9aa5b1': '#5b6470',
    '#ffffff': '#0d1117',
    '#fff': '#0d1117',
    white: '#0d1117',
  },
};

/** Whether the reader asked for a dark colour scheme (false outside a browser). */
export function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/** The theme for the reader's colour scheme: DARK_THEME when they prefer dark, else DEFAULT_THEME. */
export function preferredTheme(): Theme {
  return prefersDark() ? DARK_THEME : DEFAULT_THEME;
}

/** `color` as drawn under `theme` (its colorMap applied). */
export function themed(theme: Theme, color: string): string;
export function themed(theme: Theme, color: string | undefined): string | undefined;
export function themed(theme: Theme, color: string | undefined): string | undefined {
  if (color === undefined || !theme.colorMap) return color;
  return theme.colorMap[color.toLowerCase()] ?? color;
}
