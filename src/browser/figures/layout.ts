/**
 * DOM helpers of the figures: elements, boxes that keep an aspect ratio and redraw at their
 * size, the play / pause state of an animation, and the F(x(t)) series of ensemble records.
 */
import type { EnsembleRecord } from '../../ensemble/records.ts';

type Tag = keyof HTMLElementTagNameMap;

/** `<tag id class>text</tag>` with `children`, in the document of `near`. */
export function el<K extends Tag>(
  near: Node,
  tag: K,
  props: { id?: string; className?: string; text?: string } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const doc = near.ownerDocument ?? (near as Document);
  const element = doc.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  element.append(...children);
  return element;
}

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

/** Calls `release` when `signal` aborts (at once if it already has). */
export function onAbort(signal: AbortSignal, release: () => void): void {
  if (signal.aborted) release();
  else signal.addEventListener('abort', release, { once: true });
}

/** A controller aborted with `parent` or by the figure's own `destroy()`. */
export function lifetime(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  onAbort(parent, () => controller.abort());
  return controller;
}
