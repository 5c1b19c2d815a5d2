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
