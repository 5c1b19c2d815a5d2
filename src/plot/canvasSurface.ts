import {
  preferredTheme,
  themed,
  type DrawingSurface,
  type ShapeStyle,
  type TextStyle,
  type Theme,
} from './surface.ts';

const BASELINE = { top: 'top', middle: 'middle', bottom: 'alphabetic' } as const;
const ALIGN = { start: 'left', middle: 'center', end: 'right' } as const;

/**
 * A drawing surface on a Canvas 2D context. The canvas is sized for the device pixel ratio,
 * so figures stay sharp on high-density screens while coordinates remain CSS pixels.
 *
 * @example
 * const surface = CanvasSurface.fit(document.querySelector('canvas')!, 640, 360);
 * drawHistogram(surface, histogram(values, { bins: 40 }), { title: 'uniform' });
 */
export class CanvasSurface implements DrawingSurface {
  private clipped = false;

  constructor(
    private readonly context: CanvasRenderingContext2D,
    readonly width: number,
    readonly height: number,
    readonly theme: Theme = preferredTheme(),
  ) {}

  /**
   * Sizes `canvas` to width x height CSS pixels at the device pixel ratio and clears it. The
   * theme defaults to the reader's colour scheme (DARK_THEME under `prefers-color-scheme: dark`).
   */
  static fit(
    canvas: HTMLCanvasElement,
    width: number,
    height: number,
    theme: Theme = preferredTheme(),
  ): CanvasSurface {
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('CanvasSurface: this canvas has no 2D context');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    canvas.dataset['theme'] = theme.dark ? 'dark' : 'light';
    return new CanvasSurface(context, width, height, theme);
  }

  rect(x: number, y: number, width: number, height: number, style: ShapeStyle): void {
    const c = this.context;
    c.beginPath();
    c.rect(x, y, width, height);
    this.paint(style);
  }

  polyline(points: ArrayLike<number>, style: ShapeStyle, closed = false): void {
    if (points.length < 2) return;
    const c = this.context;
    c.beginPath();
    c.moveTo(points[0] ?? 0, points[1] ?? 0);
    for (let i = 2; i + 1 < points.length; i += 2) c.lineTo(points[i] ?? 0, points[i + 1] ?? 0);
    if (closed) c.closePath();
    this.paint(style);
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const c = this.context;
    c.save();
    c.font = `${style.bold ? 'bold ' : ''}${style.size ?? this.theme.fontSize}px ${this.theme.fontFamily}`;
    c.fillStyle = themed(this.theme, style.color ?? this.theme.text);
    c.textAlign = ALIGN[style.align ?? 'start'];
    c.textBaseline = BASELINE[style.baseline ?? 'bottom'];
    c.translate(x, y);
    if (style.rotate) c.rotate((style.rotate * Math.PI) / 180);
    c.fillText(text, 0, 0);
    c.restore();
  }

  clip(x: number, y: number, width: number, height: number): void {
    this.unclip();
    const c = this.context;
    c.save();
    c.beginPath();
    c.rect(x, y, width, height);
    c.clip();
    this.clipped = true;
  }

  unclip(): void {
    if (!this.clipped) return;
    this.context.restore();
    this.clipped = false;
  }

  private paint(style: ShapeStyle): void {
    const c = this.context;
    c.save();
    c.globalAlpha = style.opacity ?? 1;
    if (style.fill !== undefined) {
      c.fillStyle = themed(this.theme, style.fill);
      c.fill();
    }
    if (style.stroke !== undefined) {
      c.strokeStyle = themed(this.theme, style.stroke);
      c.lineWidth = style.lineWidth ?? 1;
      c.lineJoin = 'round';
      c.setLineDash(style.dash ? [...style.dash] : []);
      c.stroke();
    }
    c.restore();
  }
}
