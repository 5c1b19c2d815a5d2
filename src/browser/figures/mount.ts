/**
 * `mountFigure`: shows a figure of the package in an element of the page — the one code path
 * of the gallery pages and of `<adamscope-figure>`. It loads the figure's chunk, opens a
 * backend unless given one, shows notices (the backend's, unknown parameters, every invalid
 * value: the figure reads the same schema and uses the defaults), and marks `data-state`
 * (`loading`, `ready`, `error`) on the status element; errors replace the figure (never a
 * stale figure under one).
 */
import type { Backend } from '../../backend/index.ts';
import { openBrowserBackend } from '../backend.ts';
import { showNotice } from '../notice.ts';
import {
  COMMON_PARAMETERS,
  PAGE_PARAMETERS,
  readFigureParameters,
  type FigureName,
} from './catalog.ts';
import { el, onAbort } from './dom.ts';
import { loadFigure } from './registry.ts';
import { unknownParameters } from './schema.ts';
import { ensureFigureStyle } from './style.ts';
import type { FigureContext, FigureData, FigureDefinition, FigureHandle } from './types.ts';

export interface MountFigureOptions {
  /**
   * The backend to run on. Default: `openBrowserBackend()` (the cpu backend when the
   * parameters say `backend=cpu`), whose notices are shown and which is destroyed with the figure.
   */
  backend?: Backend;
  /** Where notices go (default: the top of `host`). */
  notices?: HTMLElement;
  /** The element that gets `data-state` and the figure's `data-*` reports (default `host`). */
  statusTarget?: HTMLElement;
  /** Show a still first frame and wait for `resume()` (default: the reader's preference). */
  reducedMotion?: boolean;
  /** Destroys the figure when aborted. */
  signal?: AbortSignal;
  /** Called when the figure fails after it was ready (the error is already shown in `host`). */
  onError?: (error: unknown) => void;
  /** Called with every `data-*` value the figure reports (step, frames, progress). */
  onReport?: (key: string, value: string) => void;
  /**
   * Show the toolbar under the figure (download SVG, PNG, CSV, JSON) and its text summary
   * (default true).
   */
  toolbar?: boolean;
  /** Called when the reader changes parameters inside the figure (`FigureContext.setParameters`). */
  onParameters?: (changes: Readonly<Record<string, string | undefined>>, commit: boolean) => void;
}

/** A figure shown by `mountFigure`. */
export interface MountedFigure {
  readonly definition: FigureDefinition;
  readonly backend: Backend;
  /** Whether the animation runs. */
  readonly playing: boolean;
  pause(): void;
  resume(): void;
  /** The figure's data with all its parameters (the seed among them), if it has any yet. */
  data(): FigureData | undefined;
  /** The figure as one SVG document, if it can draw one. */
  svg(): string | undefined;
  /** The key numbers now shown, in words ('' when the figure gives none). */
  summary(): string;
  /** Removes the figure and its notices; destroys the backend if `mountFigure` opened it. */
  destroy(): void;
}

/** Parameter values as strings (lists joined by commas). */
function asStrings(values: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

/**
 * The toolbar and text alternative of a mounted figure: download buttons (the export code is
 * loaded on the first click), `role="img"` and an `aria-label` with the summary on its
 * canvases and SVG charts, and the summary itself in a `<details>` under the figure, refreshed
 * (at most every 250 ms) when the figure reports progress and after a resize.
 */
function decorate(
  host: HTMLElement,
  container: HTMLElement,
  definition: FigureDefinition,
  handle: FigureHandle,
  data: () => FigureData | undefined,
  filename: string,
  notice: (message: string) => void,
  signal: AbortSignal,
): { refresh(): void; element: HTMLElement } {
  const bar = el(host, 'div', { className: 'af-toolbar' });
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', `Download ${definition.title}`);
  bar.append(el(host, 'span', { className: 'af-muted', text: 'Download' }));
  for (const kind of ['svg', 'png', 'csv', 'json'] as const) {
    const button = el(host, 'button', { text: kind.toUpperCase() });
    button.type = 'button';
    button.dataset['export'] = kind;
    button.title =
      kind === 'csv' || kind === 'json'
        ? `the data as ${kind.toUpperCase()}`
        : `the figure as ${kind.toUpperCase()}`;
    button.addEventListener('click', () => {
      import('./export.ts')
        .then(async (m) =>
          m.save(host, await m.exportBlob(kind, handle, data, container), `${filename}.${kind}`),
        )
        .catch((error: unknown) => notice(error instanceof Error ? error.message : String(error)));
    });
    bar.append(button);
  }
  const text = el(host, 'p', { className: 'af-summary' });
  text.setAttribute('aria-live', 'polite');
  const details = el(host, 'details', { className: 'af-alt' }, [
    el(host, 'summary', { text: 'In words' }),
    text,
  ]);
  const element = el(host, 'div', { className: 'af-below' }, [bar, details]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    if (signal.aborted) return;
    const summary = handle.summary?.() ?? '';
    if (text.textContent !== summary) text.textContent = summary;
    details.hidden = summary === '';
    const label = summary ? `${definition.title}. ${summary}` : definition.title;
    for (const chart of container.querySelectorAll('canvas, svg')) {
      if (chart.parentElement?.closest('svg')) continue;
      if (chart.getAttribute('role') !== 'img') chart.setAttribute('role', 'img');
      // SVG report figures keep their own caption as label.
      if (chart.tagName.toLowerCase() === 'svg' && chart.hasAttribute('aria-label')) continue;
      if (chart.getAttribute('aria-label') !== label) chart.setAttribute('aria-label', label);
    }
  };
  update();
  return {
    element,
    refresh: () => {
      if (timer === undefined && !signal.aborted) timer = setTimeout(update, 250);
    },
  };
}

/** The reader's `prefers-reduced-motion` setting. */
export function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** A visible error: `Name: message`. */
export function errorElement(near: Node, error: unknown): HTMLElement {
  const element = el(near, 'pre', {
    className: 'adamscope-error',
    text: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  element.setAttribute('role', 'alert');
  return element;
}

/**
 * Mounts the figure `name` in `host` with `params` (the page's URL parameters or the
 * element's attributes, as strings), read under the figure's schema (`FIGURE_INFO`): an
 * invalid value falls back to its default and an unknown name is ignored, each with a
 * notice. Resolves once its first frame is drawn; rejects (after showing the error in `host`)
 * when it cannot start.
 *
 * @example
 * const params = Object.fromEntries(new URLSearchParams(location.search));
 * const figure = await mountFigure(document.querySelector('main')!, 'regression', params);
 */
export async function mountFigure(
  host: HTMLElement,
  name: string,
  params: Readonly<Record<string, string>>,
  options: MountFigureOptions = {},
): Promise<MountedFigure> {
  const status = options.statusTarget ?? host;
  status.dataset['state'] = 'loading';
  ensureFigureStyle(host);
  const controller = new AbortController();
  if (options.signal) onAbort(options.signal, () => controller.abort());
  const notices = options.notices ?? host.insertBefore(el(host, 'div'), host.firstChild);
  // Notices of this figure (and the default box) go away with it.
  const shown: HTMLElement[] = options.notices ? [] : [notices];
  const notice = (message: string, level: 'warning' | 'info' = 'warning') => {
    const element = showNotice(notices, message, level);
    notices.append(element);
    shown.push(element);
  };
  const container = el(host, 'div', { className: 'af-figure' });
  host.append(container);
  let refresh = () => {};
  let backend = options.backend;
  const ownsBackend = !backend;
  let handle: FigureHandle | undefined;
  const stop = () => {
    controller.abort();
    handle?.destroy();
  };
  const showError = (error: unknown) => {
    stop();
    container.replaceChildren(errorElement(host, error));
    status.dataset['state'] = 'error';
  };
  try {
    const definition = await loadFigure(name);
    const read = readFigureParameters(definition.name as FigureName, params);
    if (!backend) {
      backend = await openBrowserBackend({ backend: read.values.backend });
      for (const line of backend.notices) notice(line, backend.kind === 'cpu' ? 'warning' : 'info');
    }
    const known = [
      ...Object.keys(definition.parameters),
      ...Object.keys(COMMON_PARAMETERS),
      ...PAGE_PARAMETERS,
    ];
    for (const line of [...unknownParameters(params, known), ...read.problems]) notice(line);
    const opened = backend;
    onAbort(controller.signal, () => {
      if (ownsBackend) opened.destroy();
    });
    status.dataset['backend'] = opened.kind;
    const context: FigureContext = {
      backend: opened,
      signal: controller.signal,
      reducedMotion: options.reducedMotion ?? prefersReducedMotion(),
      notice,
      report: (key, value) => {
        if (controller.signal.aborted) return;
        status.dataset[key] = value;
        options.onReport?.(key, value);
        refresh();
      },
      fail: (error) => {
        if (controller.signal.aborted) return;
        showError(error);
        options.onError?.(error);
      },
      setParameters: (changes, commit) => {
        if (!controller.signal.aborted) options.onParameters?.(changes, commit);
      },
    };
    const mounted = await definition.mount(container, params, context);
    handle = mounted;
    if (controller.signal.aborted) throw new DOMException('the figure was destroyed', 'AbortError');
    const values = asStrings(read.values);
    const data = (): FigureData | undefined => {
      const d = mounted.data?.();
      return d && { ...d, figure: definition.name, params: { ...values, ...d.params } };
    };
    let below: HTMLElement | undefined;
    if (options.toolbar !== false) {
      const seed = values['seed'] ?? (data()?.params['seed'] as string | undefined);
      const filename = `${definition.name}${seed ? `-seed-${seed}` : ''}`.replace(/[^\w.-]+/g, '_');
      const decorated = decorate(
        host,
        container,
        definition,
        mounted,
        data,
        filename,
        notice,
        controller.signal,
      );
      below = decorated.element;
      container.append(below);
      refresh = decorated.refresh;
      if (typeof ResizeObserver !== 'undefined') {
        const observer = new ResizeObserver(() => refresh());
        observer.observe(container);
        onAbort(controller.signal, () => observer.disconnect());
      }
      onAbort(controller.signal, () => {
        refresh = () => {};
      });
    }
    status.dataset['state'] = 'ready';
    return {
      definition,
      backend: opened,
      get playing() {
        return mounted.playing;
      },
      pause: () => mounted.pause(),
      resume: () => mounted.resume(),
      data,
      svg: () => mounted.svg?.(),
      summary: () => mounted.summary?.() ?? '',
      destroy: () => {
        stop();
        for (const element of shown) element.remove();
        below?.remove();
        container.remove();
      },
    };
  } catch (error) {
    if (controller.signal.aborted) {
      stop();
      for (const element of shown) element.remove();
      container.remove();
    } else {
      showError(error);
    }
    throw error;
  }
}
