/**
 * The interface every figure of the gallery and of `<adamscope-figure>` implements: a module
 * `src/browser/figures/<name>.figure.ts` exporting `figure: FigureDefinition`. The figure's
 * parameters are the page's URL parameters and the element's attributes (same names, same
 * defaults, one schema: catalog.ts); invalid values fall back to the default with a visible
 * notice naming them.
 */
import type { Backend } from '../../backend/index.ts';

/**
 * One parameter of a figure: a URL parameter of its page and an attribute of the element.
 * Its rule (catalog.ts, schema.ts) says what a value must be; an invalid value falls back to
 * the default with a visible notice.
 */
export interface ParameterInfo {
  /**
   * The default as written in a URL or attribute; `''` for flags (absent = off) and for sizes
   * the figure picks when absent.
   */
  default: string;
  /** What it sets, one line. */
  description: string;
  /** What a value must be, as in the notices: `a number in [0.0001, 0.5]`, `one of webgpu, cpu`. */
  allowed: string;
  /** The only values allowed, when the parameter is a choice. */
  choices?: readonly string[];
}

/**
 * What is known of a figure before its code is loaded: enough for the poster of the element
 * (title, description, size) and for its list of attributes.
 */
export interface FigureInfo {
  name: string;
  title: string;
  /** One or two sentences, shown on the poster. */
  description: string;
  /**
   * Width / height of the whole figure (captions included), or a function of the width in
   * CSS pixels: the poster takes this size, so the page does not jump when the figure starts.
   */
  aspectRatio: number | ((width: number) => number);
  /** Whether the figure animates (a play / pause button, paused off screen). */
  animated: boolean;
  parameters: Readonly<Record<string, ParameterInfo>>;
}

/** What a figure receives when it is mounted. */
export interface FigureContext {
  /** The backend its engines run on (WebGPU session or the cpu fallback). */
  backend: Backend;
  /** Aborted when the figure is destroyed: loops stop, observers disconnect. */
  signal: AbortSignal;
  /** `prefers-reduced-motion: reduce`: show a still first frame, animate only after `resume()`. */
  reducedMotion: boolean;
  /** Shows a visible notice with the figure (an invalid parameter, a capped size). */
  notice(message: string, level?: 'warning' | 'info'): void;
  /** Publishes a value as `data-<key>` for tests and pages (step, frames, progress). */
  report(key: string, value: string): void;
  /** Reports an error after `mount` resolved (in an animation loop): the figure is replaced by it. */
  fail(error: unknown): void;
  /**
   * Says that the reader changed parameters inside the figure (x0 dragged, the time
   * scrubbed), which the figure already applied: the page writes it into its URL (`commit`: a
   * new history entry, else it replaces the current one); `undefined` removes it.
   */
  setParameters(changes: Readonly<Record<string, string | undefined>>, commit: boolean): void;
}

/**
 * A figure's data for download (CSV / JSON): what it shows now and how it was made, so that
 * the numbers can be reproduced (the seed is among `params`).
 */
export interface FigureData {
  /** The figure's name. */
  figure: string;
  /** The parameters it ran with, as strings (defaults filled in, the seed included). */
  params: Readonly<Record<string, string>>;
  /** Named tables; each is named columns of one common length. */
  tables: Readonly<Record<string, Readonly<Record<string, readonly (number | string)[]>>>>;
}

/** A mounted figure. */
export interface FigureHandle {
  /** Stops the animation (off screen, or the reader pressed pause); a no-op for still figures. */
  pause(): void;
  /** Continues the animation. */
  resume(): void;
  /** Whether the animation is running. */
  readonly playing: boolean;
  /** Stops everything and releases the figure's GPU resources (not the backend). */
  destroy(): void;
  /** The data behind what is shown now, for download (undefined before there is any). */
  data?(): FigureData | undefined;
  /** The figure as one standalone SVG document (its charts redrawn as vectors), for download. */
  svg?(): string | undefined;
  /** The key numbers now shown, in one or two plain sentences: the figure's text alternative. */
  summary?(): string;
}

/** A figure: its info and how to mount it. */
export interface FigureDefinition extends FigureInfo {
  /**
   * Builds the figure inside `host` from `params` (raw strings, as in a URL) and resolves once
   * its first frame is drawn. Animated figures start playing unless `context.reducedMotion`.
   */
  mount(
    host: HTMLElement,
    params: Readonly<Record<string, string>>,
    context: FigureContext,
  ): Promise<FigureHandle>;
}

/** The aspect ratio (width / height) of `info` at `width` CSS pixels. */
export function aspectAt(info: Pick<FigureInfo, 'aspectRatio'>, width: number): number {
  return typeof info.aspectRatio === 'function' ? info.aspectRatio(width) : info.aspectRatio;
}
