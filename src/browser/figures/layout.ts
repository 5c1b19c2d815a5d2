/**
 * DOM helpers of the figures: elements, boxes that keep an aspect ratio and redraw at their
 * size, the play / pause state of an animation and its loop, the handles of still and animated
 * figures, and the F(x(t)) series of ensemble records.
 */
import type { EnsembleRecord } from '../../ensemble/records.ts';
import { el, lifetime, onAbort } from './dom.ts';
import type { FigureContext, FigureHandle } from './types.ts';

// The DOM basics live in dom.ts (the embed script loads them without the rest).
export { el, lifetime, onAbort };

/** A box of the given aspect ratio (width / height) whose canvases are drawn at its size. */
export function box(near: Node, aspect: number, props: { id?: string } = {}): HTMLDivElement {
  const element = el(near, 'div', { ...props, className: 'af-box' });
  element.style.aspectRatio = String(aspect);
  return element;
}

/** The size of `element`'s content box in CSS pixels (0 when not laid out). */
export function sizeOf(element: HTMLElement): { width: number; height: number } {
  return { width: Math.floor(element.clientWidth), height: Math.floor(element.clientHeight) };
}

/**
 * Calls `draw` after the size of `target` changes, at most once per animation frame, until
 * `signal` aborts. The first call comes from the figure itself.
 */
export function watchSize(target: HTMLElement, signal: AbortSignal, draw: () => void): void {
  const key = () => `${sizeOf(target).width}x${sizeOf(target).height}`;
  let last = key();
  let pending = false;
  const observer = new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const now = key();
      if (signal.aborted || now === last || sizeOf(target).width < 10) return;
      last = now;
      draw();
    });
  });
  observer.observe(target);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** Resolves at the next animation frame. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Whether an animation runs: `whenPlaying()` resolves at once while playing, otherwise at the
 * next `resume()` (or when `signal` aborts, so that loops can end and release resources).
 */
export class Playback {
  private waiting: (() => void)[] = [];

  constructor(
    private state: boolean,
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.release(), { once: true });
  }

  get playing(): boolean {
    return this.state;
  }

  pause(): void {
    this.state = false;
  }

  resume(): void {
    this.state = true;
    this.release();
  }

  whenPlaying(): Promise<void> {
    if (this.state || this.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/** t, median and 5–95 % quantiles of F over a list of records of one group. */
export function fSeries(records: readonly EnsembleRecord[]): {
  t: number[];
  median: number[];
  q05: number[];
  q95: number[];
} {
  return {
    t: records.map((r) => r.t),
    median: records.map((r) => r.F.q50),
    q05: records.map((r) => r.F.q05),
    q95: records.map((r) => r.F.q95),
  };
}

/**
 * Runs asynchronous GPU work one piece at a time (animation frames, redraws after a resize,
 * the final release), so that nothing draws from a buffer while another piece destroys it.
 */
export class Serial {
  private chain: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/**
 * The animation loop of a figure: while `playback` plays, one `frame()` per animation frame,
 * run on `serial` (one piece of GPU work at a time), until `done()` or `signal` aborts. An
 * error replaces the figure (`context.fail`) unless the figure is being destroyed.
 */
export function animate(options: {
  signal: AbortSignal;
  playback: Playback;
  serial: Serial;
  context: Pick<FigureContext, 'fail'>;
  done: () => boolean;
  frame: () => Promise<void>;
}): void {
  const { signal, playback, serial } = options;
  const loop = async () => {
    while (!signal.aborted && !options.done()) {
      await playback.whenPlaying();
      // Let the page paint between frames (the cpu backend runs on this thread).
      await nextFrame();
      if (signal.aborted || !playback.playing) continue;
      await serial.run(async () => {
        if (!signal.aborted) await options.frame();
      });
    }
  };
  loop().catch((error: unknown) => {
    if (!signal.aborted) options.context.fail(error);
  });
}

/** The handle of an animated figure: `playback` plays and pauses, `destroy` ends `life`. */
export function playbackHandle(playback: Playback, life: AbortController): FigureHandle {
  return {
    pause: () => playback.pause(),
    resume: () => playback.resume(),
    get playing() {
      return playback.playing;
    },
    destroy: () => life.abort(),
  };
}

/** The handle of a still figure: nothing to play, `destroy` ends `life`. */
export function stillHandle(life: AbortController): FigureHandle {
  return { pause() {}, resume() {}, playing: false, destroy: () => life.abort() };
}
