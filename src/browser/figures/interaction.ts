/**
 * Direct manipulation for the figures: dragging a point of a 2-D plot with a pointer (mouse,
 * pen or touch) or the keyboard (`dragPoint`), and a time scrubber that replays a finished run
 * (`TimeScrubber`). Both report a live value while the gesture lasts and a committed one at
 * its end, which figures pass to `FigureContext.setParameter` (the page's URL: replaced
 * during the gesture, a history entry at its end).
 */
import { el, onAbort } from './dom.ts';

/** A linear scale of a plot: data → CSS pixels, with its data domain. */
interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
}

/** The data point under the CSS pixel (px, py) of a plot whose scales are `x`, `y`. */
export function pixelToData(
  scales: { x: Scale; y: Scale },
  px: number,
  py: number,
): [number, number] {
  const invert = (scale: Scale, pixel: number) => {
    const [d0, d1] = scale.domain;
    const [p0, p1] = [scale(d0), scale(d1)];
    return p1 === p0 ? d0 : d0 + ((pixel - p0) / (p1 - p0)) * (d1 - d0);
  };
  return [invert(scales.x, px), invert(scales.y, py)];
}

export interface DragOptions {
  /** Ends the listeners. */
  signal: AbortSignal;
  /** The point's position in CSS pixels of `target`, or undefined when there is none. */
  position(): [number, number] | undefined;
  /** Grab radius in CSS pixels around the point (default 24, generous for touch). */
  radius?: number;
  /** Whether a press at (px, py) anywhere else may move the point there (default false). */
  anywhere?(px: number, py: number): boolean;
  /** The point moved to (px, py) (CSS pixels of `target`); `commit` at the gesture's end. */
  move(px: number, py: number, commit: boolean): void;
  /** Keyboard step in CSS pixels (arrow keys; default 8, shift: 4×). */
  keyStep?: number;
}

/**
 * Makes a point of a plot draggable on `target` (an element covering the plot): pointer
 * capture (mouse, pen, touch; `touch-action: none` on the target, so a drag does not scroll),
 * a `grab` cursor near the point, and arrow keys when the target has focus (it is made
 * focusable). `move` gets every position during a drag and the last one with `commit`.
 */
export function dragPoint(target: HTMLElement, options: DragOptions): void {
  const { signal } = options;
  const radius = options.radius ?? 24;
  const keyStep = options.keyStep ?? 8;
  target.style.touchAction = 'none';
  if (!target.hasAttribute('tabindex')) target.tabIndex = 0;
  const local = (event: PointerEvent): [number, number] => {
    const box = target.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const near = (px: number, py: number) => {
    const point = options.position();
    return point !== undefined && Math.hypot(px - point[0], py - point[1]) <= radius;
  };
  let dragging: number | undefined;
  const listen = <K extends keyof HTMLElementEventMap>(
    type: K,
    handler: (event: HTMLElementEventMap[K]) => void,
  ) => target.addEventListener(type, handler, { signal });
  listen('pointerdown', (event) => {
    if (event.button !== 0 && event.pointerType === 'mouse') return;
    const [px, py] = local(event);
    if (!near(px, py) && !options.anywhere?.(px, py)) return;
    event.preventDefault();
    dragging = event.pointerId;
    target.setPointerCapture(event.pointerId);
    target.style.cursor = 'grabbing';
    options.move(px, py, false);
  });
  listen('pointermove', (event) => {
    const [px, py] = local(event);
    if (dragging === event.pointerId) options.move(px, py, false);
    else if (dragging === undefined) target.style.cursor = near(px, py) ? 'grab' : '';
  });
  const end = (event: PointerEvent, commit: boolean) => {
    if (dragging !== event.pointerId) return;
    dragging = undefined;
    target.style.cursor = '';
    if (target.hasPointerCapture(event.pointerId)) target.releasePointerCapture(event.pointerId);
    const [px, py] = local(event);
    if (commit) options.move(px, py, true);
  };
  listen('pointerup', (event) => end(event, true));
  listen('pointercancel', (event) => end(event, true));
  listen('keydown', (event) => {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const direction = moves[event.key];
    const point = options.position();
    if (!direction || !point) return;
    event.preventDefault();
    const step = event.shiftKey ? 4 * keyStep : keyStep;
    options.move(point[0] + direction[0] * step, point[1] + direction[1] * step, true);
  });
}

export interface ScrubberOptions {
  signal: AbortSignal;
  /** The label before the slider, e.g. `t = nγ`. */
  label: string;
  /** How a position reads (e.g. `t = 3.20`). */
  format(value: number): string;
  /** The slider moved: `commit` at the end of the gesture (`change`). */
  input(value: number, commit: boolean): void;
  /** The live button: back to the running (or final) state. */
  live(): void;
}

/**
 * A time scrubber: a range input over [0, max] with its value shown, and a `live` button.
 * Disabled until `enable(max)` (the run is finished); `set(value)` moves it without an event.
 */
export class TimeScrubber {
  readonly element: HTMLElement;
  private readonly range: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly button: HTMLButtonElement;

  constructor(
    near: Node,
    private readonly options: ScrubberOptions,
  ) {
    this.range = el(near, 'input', { className: 'af-scrubber-range' });
    this.range.type = 'range';
    this.range.min = '0';
    this.range.step = 'any';
    this.range.disabled = true;
    this.range.setAttribute('aria-label', `${options.label}: replay the finished run`);
    this.range.dataset['testid'] = 'time-scrubber';
    this.output = el(near, 'output', { className: 'af-scrubber-value' });
    this.button = el(near, 'button', { text: 'end', className: 'af-scrubber-live' });
    this.button.type = 'button';
    this.button.disabled = true;
    this.button.title = 'the state at the end of the run';
    this.element = el(near, 'div', { className: 'af-scrubber' }, [
      el(near, 'label', { text: options.label }, [this.range]),
      this.output,
      this.button,
    ]);
    const { signal } = options;
    this.range.addEventListener('input', () => this.moved(false), { signal });
    this.range.addEventListener('change', () => this.moved(true), { signal });
    this.button.addEventListener('click', () => options.live(), { signal });
    onAbort(signal, () => this.element.remove());
  }

  private moved(commit: boolean): void {
    const value = Number(this.range.value);
    this.output.textContent = this.options.format(value);
    this.options.input(value, commit);
  }

  /** Enables the scrubber over [0, max] (the run is finished). */
  enable(max: number): void {
    this.range.max = String(max);
    this.range.disabled = false;
    this.button.disabled = false;
  }

  /** Disables it (a new run started). */
  disable(): void {
    this.range.disabled = true;
    this.button.disabled = true;
  }

  /** Shows `value` without an event. */
  set(value: number): void {
    this.range.value = String(value);
    this.output.textContent = this.options.format(value);
  }
}
