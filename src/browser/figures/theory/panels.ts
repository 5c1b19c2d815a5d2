/**
 * Chart panels of the theorem figures (lyapunov, weak-convergence, long-run): a grid of
 * canvases drawn with src/plot at their size, each with a caption, redrawn on resize, and the
 * same drawings as one standalone SVG document for download (`svg()`).
 */
import { CanvasSurface } from '../../../plot/canvasSurface.ts';
import type { DrawingSurface } from '../../../plot/surface.ts';
import { SvgSurface } from '../../../plot/svgSurface.ts';
import { translatedSurface } from '../../../plot/translatedSurface.ts';
import { el, sizeOf, watchSize } from '../layout.ts';

/** Draws one chart on `surface`; `narrow` is true under 420 px (shorter titles). */
export type Draw = (surface: DrawingSurface, narrow: boolean) => void;

/** Width under which charts use their short titles. */
export const NARROW = 420;

interface Panel {
  figure: HTMLElement;
  box: HTMLElement;
  canvas: HTMLCanvasElement;
  caption: HTMLElement;
  draw: Draw | undefined;
}

/** `count` chart panels in a grid inside `host`, with the ids `ids[i]` on their figures. */
export class Panels {
  private readonly panels: Panel[];

  constructor(host: HTMLElement, ids: readonly string[], signal: AbortSignal) {
    this.panels = ids.map((id) => {
      const canvas = el(host, 'canvas');
      const box = el(host, 'div', { className: 'af-box af-chart' }, [canvas]);
      const caption = el(host, 'figcaption');
      const figure = el(host, 'figure', { id, className: 'af-panel' }, [box, caption]);
      figure.setAttribute('role', 'img');
      return { box, canvas, caption, draw: undefined, figure };
    });
    host.append(
      el(
        host,
        'div',
        { className: 'af-grid' },
        this.panels.map((p) => p.figure),
      ),
    );
    for (const [i, panel] of this.panels.entries())
      watchSize(panel.box, signal, () => this.redraw(i));
  }

  /** Sets the drawing and caption of panel `i` and draws it now. */
  set(i: number, draw: Draw, caption: string): void {
    const panel = this.panels[i];
    if (!panel) return;
    panel.draw = draw;
    panel.caption.textContent = caption;
    panel.figure.setAttribute('aria-label', caption);
    this.redraw(i);
  }

  private redraw(i: number): void {
    const panel = this.panels[i];
    if (!panel?.draw) return;
    const { width, height } = sizeOf(panel.box);
    if (width < 10 || height < 10) return;
    panel.draw(CanvasSurface.fit(panel.canvas, width, height), width < NARROW);
  }

  /** Every drawn panel, stacked in one SVG document of `width` px (panels 0.55 · width high). */
  svg(width = 720): string | undefined {
    const drawn = this.panels.filter((p) => p.draw);
    if (drawn.length === 0) return undefined;
    const height = Math.round(width * 0.55);
    const surface = new SvgSurface(width, height * drawn.length);
    drawn.forEach((panel, i) =>
      panel.draw?.(translatedSurface(surface, 0, i * height, width, height), false),
    );
    return surface.toString();
  }
}

/** A line above the charts: a progress bar while computing, then what was computed. */
export function statusLine(host: HTMLElement): {
  progress(fraction: number, text: string): void;
  done(text: string): void;
} {
  const bar = el(host, 'progress');
  bar.max = 1;
  bar.value = 0;
  const text = el(host, 'span', { className: 'af-status-text' });
  const line = el(host, 'div', { className: 'af-progress af-status' }, [bar, text]);
  host.append(line);
  return {
    progress(fraction, label) {
      bar.hidden = false;
      bar.value = fraction;
      text.textContent = label;
    },
    done(label) {
      bar.hidden = true;
      text.textContent = label;
    },
  };
}

/** An AbortError when `signal` is aborted (to throw from an experiment's progress callback). */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('the figure was destroyed', 'AbortError');
}

/** Lets the page paint and handle input (the cpu backend runs on the page's thread). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
