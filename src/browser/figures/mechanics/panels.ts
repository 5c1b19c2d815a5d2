/**
 * Chart panels of the heavy-ball, reddi and saddle figures: a grid of canvases (each a chart
 * drawn by a function of a DrawingSurface, with src/plot), with captions, redrawn at their size
 * and as one standalone SVG document (the charts stacked) for download.
 */
import { CanvasSurface } from '../../../plot/canvasSurface.ts';
import { SvgSurface } from '../../../plot/svgSurface.ts';
import { translatedSurface } from '../../../plot/translatedSurface.ts';
import type { DrawingSurface, ShapeStyle } from '../../../plot/surface.ts';
import { el, sizeOf, watchSize } from '../layout.ts';

/** Draws one chart on `surface`; `narrow` below 420 CSS px (short titles and labels). */
export type DrawChart = (surface: DrawingSurface, narrow: boolean) => void;

/** The charts of a figure: one panel (canvas + caption) per chart, in a responsive grid. */
export class ChartPanels {
  private readonly frames: HTMLDivElement[] = [];
  private readonly canvases: HTMLCanvasElement[] = [];
  private readonly captions: HTMLElement[] = [];

  constructor(
    host: HTMLElement,
    private readonly ids: readonly string[],
    private draws: readonly DrawChart[],
    signal: AbortSignal,
  ) {
    const grid = el(host, 'div', { className: 'af-grid' });
    for (const id of ids) {
      const canvas = el(host, 'canvas', { id });
      const frame = el(host, 'div', { className: 'af-box af-chart' });
      frame.append(canvas);
      const caption = el(host, 'figcaption', { id: `${id}-caption` });
      grid.append(el(host, 'figure', { className: 'af-panel' }, [frame, caption]));
      this.frames.push(frame);
      this.canvases.push(canvas);
      this.captions.push(caption);
      watchSize(frame, signal, () => this.redraw());
    }
    host.append(grid);
  }

  /** Replaces the drawing functions (new data) and redraws. */
  update(draws: readonly DrawChart[]): void {
    this.draws = draws;
    this.redraw();
  }

  /** Sets the caption under panel `index`. */
  caption(index: number, text: string): void {
    const caption = this.captions[index];
    if (caption) caption.textContent = text;
  }

  /** Draws every chart at its panel's size. */
  redraw(): void {
    this.frames.forEach((frame, k) => {
      const { width, height } = sizeOf(frame);
      const canvas = this.canvases[k];
      const draw = this.draws[k];
      if (!canvas || !draw || width < 10 || height < 10) return;
      draw(CanvasSurface.fit(canvas, width, height), width < 420);
    });
  }

  /** The charts stacked in one standalone SVG document, `width` wide, panels 1 : 0.55. */
  svg(width = 720): string {
    const height = Math.round(width * 0.55);
    const svg = new SvgSurface(width, height * this.ids.length);
    this.draws.forEach((draw, k) =>
      draw(translatedSurface(svg, 0, k * height, width, height), false),
    );
    return svg.toString();
  }
}

/** A filled disc of radius `r` px at (cx, cy) as a polygon (the ball of the heavy-ball figure). */
export function disc(
  surface: DrawingSurface,
  cx: number,
  cy: number,
  r: number,
  style: ShapeStyle,
): void {
  const points: number[] = [];
  for (let k = 0; k < 24; k++) {
    const angle = (2 * Math.PI * k) / 24;
    points.push(cx + r * Math.cos(angle), cy + r * Math.sin(angle));
  }
  surface.polyline(points, style, true);
}

/** Throws an AbortError when `signal` is aborted (experiments cancelled from their progress). */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('the figure was replaced', 'AbortError');
}
