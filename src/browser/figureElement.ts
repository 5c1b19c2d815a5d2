/**
 * `<adamscope-figure name="regression" gamma="0.01" n="4096">`: a live figure of the package
 * in any page. Its attributes are the URL parameters of the figure's gallery page (same names
 * and defaults; `backend="cpu"` forces the CPU backend). It shows a static poster until it is
 * scrolled into view, then loads the figure's code, opens WebGPU (or the cpu fallback, with a
 * notice) and mounts the figure; it pauses off screen, honours `prefers-reduced-motion` (a
 * still first frame and a play button) and sets `data-state` (`poster`, `loading`, `ready`,
 * `error`). Removing it destroys the figure and its backend.
 */
import type { Backend } from '../backend/index.ts';
import { openBrowserBackend } from './backend.ts';
import { ensureStyle, NOTICE_CSS, showNotice } from './notice.ts';
import {
  COMMON_PARAMETERS,
  FIGURE_INFO,
  isFigureName,
  readFigureParameters,
  type FigureName,
} from './figures/catalog.ts';
import { readParameters } from './figures/schema.ts';
import { el } from './figures/dom.ts';
import {
  errorElement,
  mountFigure,
  prefersReducedMotion,
  type MountedFigure,
} from './figures/mount.ts';
import { aspectAt } from './figures/types.ts';
import { ELEMENT_CSS } from './figureElementStyle.ts';
import { ensureFigureStyle } from './figures/style.ts';

/** The tag name of the element. */
export const FIGURE_TAG = 'adamscope-figure';

/** Every attribute the element reacts to (HTML attribute names are lower case). */
function attributeNames(): string[] {
  const names = Object.values(FIGURE_INFO).flatMap((info) => Object.keys(info.parameters));
  const common = Object.keys(COMMON_PARAMETERS);
  return [...new Set(['name', ...common, ...names].map((n) => n.toLowerCase()))];
}

/** `HTMLElement`, or a stand-in where there is no DOM (importing the module in Node, SSR). */
const ElementBase: typeof HTMLElement =
  globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

export class AdamscopeFigureElement extends ElementBase {
  static get observedAttributes(): string[] {
    return attributeNames();
  }

  private readonly root: ShadowRoot;
  private readonly notices: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly body: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly credit: HTMLElement;
  private poster: HTMLElement | undefined;
  private backend: Promise<Backend> | undefined;
  private figure: MountedFigure | undefined;
  private mounting: AbortController | undefined;
  private observers: { visible: IntersectionObserver; size: ResizeObserver } | undefined;
  private visible = false;
  private started = false;
  private wantsPlay = true;
  private remountQueued = false;
  private reopenBackend = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    const style = el(this.root, 'style', { text: ELEMENT_CSS });
    this.notices = el(this.root, 'div', { className: 'notices' });
    this.body = el(this.root, 'div', { className: 'body' });
    this.stage = el(this.root, 'div', { className: 'stage' }, [this.body]);
    this.toggle = el(this.root, 'button', { className: 'toggle' });
    this.toggle.type = 'button';
    this.toggle.hidden = true;
    this.toggle.addEventListener('click', () => {
      this.wantsPlay = !this.wantsPlay;
      this.updatePlayback();
    });
    this.credit = el(this.root, 'span', { className: 'credit', text: 'adamscope' });
    const bar = el(this.root, 'div', { className: 'bar' }, [this.toggle, this.credit]);
    this.root.append(
      style,
      el(this.root, 'div', { className: 'frame' }, [this.notices, this.stage, bar]),
    );
    // The figures' and notices' stylesheets, once, in this shadow root.
    ensureFigureStyle(this.body);
    ensureStyle(this.notices, 'adamscope-notice-style', NOTICE_CSS);
  }

  /** The figure's info, or undefined for an unknown `name`. */
  private get info(): (typeof FIGURE_INFO)[FigureName] | undefined {
    const name = this.getAttribute('name') ?? '';
    return isFigureName(name) ? FIGURE_INFO[name] : undefined;
  }

  /** The attributes as figure parameters, with the parameters' own spelling (`t` -> `T`). */
  private params(): Record<string, string> {
    const known = [...Object.keys(this.info?.parameters ?? {}), ...Object.keys(COMMON_PARAMETERS)];
    const params: Record<string, string> = {};
    for (const { name, value } of Array.from(this.attributes)) {
      const parameter = known.find((k) => k.toLowerCase() === name);
      if (parameter) params[parameter] = value;
    }
    return params;
  }

  connectedCallback(): void {
    this.showPoster();
    const visible = new IntersectionObserver((entries) => {
      this.visible = entries.some((entry) => entry.isIntersecting);
      if (this.visible && !this.started) this.start();
      this.updatePlayback();
    });
    const size = new ResizeObserver(() => this.sizePoster());
    visible.observe(this);
    size.observe(this);
    this.observers = { visible, size };
  }

  disconnectedCallback(): void {
    this.observers?.visible.disconnect();
    this.observers?.size.disconnect();
    this.observers = undefined;
    this.unmount();
    this.closeBackend();
    this.started = false;
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (before === after || !this.isConnected) return;
    if (!this.started) {
      this.showPoster();
      return;
    }
    if (name === 'backend') this.reopenBackend = true;
    if (this.remountQueued) return;
    this.remountQueued = true;
    queueMicrotask(() => {
      this.remountQueued = false;
      if (this.isConnected && this.started) void this.mount();
    });
  }

  /** The static placeholder: title, description and a play button; no figure code loaded. */
  private showPoster(): void {
    const info = this.info;
    this.unmount();
    this.dataset['state'] = 'poster';
    const start = el(this.root, 'button', { text: '▶ Start the live figure' });
    start.type = 'button';
    start.addEventListener('click', () => this.start());
    this.poster = el(this.root, 'div', { className: 'poster' }, [
      el(this.root, 'strong', { text: info?.title ?? 'adamscope figure' }),
      el(this.root, 'p', { text: info?.description ?? '' }),
      start,
      el(this.root, 'span', {
        className: 'hint',
        text: 'Runs in your browser (WebGPU, or the CPU when WebGPU is missing); starts when scrolled into view.',
      }),
    ]);
    this.stage.replaceChildren(this.poster, this.body);
    this.stage.style.minHeight = '';
    this.body.replaceChildren();
    this.sizePoster();
  }

  private sizePoster(): void {
    const info = this.info;
    if (!this.poster || this.poster.classList.contains('overlay')) return;
    const width = this.stage.clientWidth || this.clientWidth || 700;
    this.poster.style.aspectRatio = String(info ? aspectAt(info, width) : 16 / 9);
  }

  /** Starts the figure (scrolled into view, or the poster's button pressed). */
  private start(): void {
    if (this.started) return;
    this.started = true;
    void this.mount();
  }

  private openBackend(): Promise<Backend> {
    if (this.reopenBackend) {
      this.reopenBackend = false;
      this.closeBackend();
    }
    this.backend ??= openBrowserBackend({
      backend: readParameters(COMMON_PARAMETERS, this.params()).values.backend,
    }).then((backend) => {
      for (const line of backend.notices)
        this.notices.append(
          showNotice(this.notices, line, backend.kind === 'cpu' ? 'warning' : 'info'),
        );
      this.credit.textContent = `adamscope · ${backend.kind} on ${backend.adapter.label}`;
      return backend;
    });
    // A failed opening is retried at the next start.
    const opening = this.backend;
    opening.catch(() => {
      if (this.backend === opening) this.backend = undefined;
    });
    return opening;
  }

  /** Destroys the backend (its device) and removes its notices. */
  private closeBackend(): void {
    void this.backend?.then(
      (backend) => backend.destroy(),
      () => undefined,
    );
    this.backend = undefined;
    this.notices.replaceChildren();
    this.credit.textContent = 'adamscope';
  }

  private unmount(): void {
    this.mounting?.abort();
    this.mounting = undefined;
    this.figure?.destroy();
    this.figure = undefined;
    this.toggle.hidden = true;
  }

  /** (Re)mounts the figure with the current attributes, over the poster while it loads. */
  private async mount(): Promise<void> {
    this.unmount();
    const controller = new AbortController();
    this.mounting = controller;
    this.dataset['state'] = 'loading';
    // Keep the current height (poster or figure) while the figure (re)starts: no jump.
    this.stage.style.minHeight = `${this.stage.offsetHeight}px`;
    if (this.poster) {
      this.poster.classList.add('overlay');
      this.poster.querySelector('button')?.remove();
      const hint = this.poster.querySelector('.hint');
      if (hint) hint.textContent = 'Loading… (the first start compiles GPU shaders)';
    }
    this.body.replaceChildren();
    const name = this.getAttribute('name') ?? '';
    try {
      if (!this.info) {
        const known = Object.keys(FIGURE_INFO).join(', ');
        throw new Error(
          `adamscope: unknown figure name = ${JSON.stringify(name)}: allowed ${known}`,
        );
      }
      const reducedMotion = prefersReducedMotion();
      const params = this.params();
      const { values } = readFigureParameters(this.info.name, params);
      this.wantsPlay = !reducedMotion && !('paused' in values && values.paused);
      const backend = await this.openBackend();
      if (controller.signal.aborted) return;
      this.figure = await mountFigure(this.body, name, params, {
        backend,
        notices: this.notices,
        statusTarget: this,
        reducedMotion,
        signal: controller.signal,
        onError: () => (this.toggle.hidden = true),
      });
      this.toggle.hidden = !this.figure.definition.animated;
      this.updatePlayback();
    } catch (error) {
      if (controller.signal.aborted) return;
      if (this.dataset['state'] !== 'error') {
        this.body.replaceChildren(errorElement(this.root, error));
        this.dataset['state'] = 'error';
      }
    } finally {
      if (!controller.signal.aborted) {
        this.poster?.remove();
        this.poster = undefined;
        this.stage.style.minHeight = '';
      }
    }
  }

  /** Plays when the reader wants it and the figure is on screen; pauses otherwise. */
  private updatePlayback(): void {
    const figure = this.figure;
    if (!figure) return;
    if (this.wantsPlay && this.visible) figure.resume();
    else figure.pause();
    this.toggle.textContent = this.wantsPlay ? '❚❚ pause' : '▶ play';
    this.dataset['playing'] = String(figure.playing);
  }
}

/**
 * Defines `<adamscope-figure>` (once: a second call, or a second copy of the script, is a
 * no-op). The embed script calls it; pages that bundle `adamscope/browser` call it themselves.
 */
export function defineFigureElements(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(FIGURE_TAG)) registry.define(FIGURE_TAG, AdamscopeFigureElement);
}
