/**
 * Helpers shared by the figure pages: DOM look-ups, opening the page's backend (with its
 * notices, the adapter facts and the embed footer) and mounting the page's figure with the
 * URL parameters (`mountFigure` of `adamscope/browser`, the code `<adamscope-figure>` runs),
 * and the page's state in its URL: every control, pause and the figure's own changes (x0
 * dragged, time scrubbed) are URL parameters; a change is a history entry (Back / Forward step
 * through changes, a slider drag is one entry), and Back / Forward re-mount the figure.
 * Layout only: the figures live in the package (src/browser/figures/).
 */
import type { Backend } from 'adamscope';
import {
  FIGURE_INFO,
  mountFigure,
  openBrowserBackend,
  readFigureParameters,
  type FigureName,
  type FigureParameters,
  type MountedFigure,
} from 'adamscope/browser';
import { applyEmbedMode, renderAdapterFacts, showBackendNotices } from './page.ts';

/** The element with `id`, or a thrown error naming the page's missing markup. */
export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`${location.pathname}: missing #${id}`);
  return found as T;
}

/** The parameters in `search` (default: the page's URL). */
function paramsOf(search = location.search): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

/**
 * The page's parameters for the figure `name`, read under the figure's schema (invalid values
 * replaced by their defaults, as the figure does; its notices say which): what the page's
 * controls show.
 */
export function pageParameters<N extends FigureName>(name: N): FigureParameters<N> {
  return readFigureParameters(name, paramsOf()).values;
}

/**
 * Opens the page of the figure `name`: embed mode, the backend (`?backend=cpu` forces the CPU
 * twin), its notices (kept in embeds only for the CPU fallback), the adapter facts, the embed
 * footer, and the page's figure (not mounted yet: `page.show()`).
 */
export async function openFigurePage(
  name: FigureName,
  notices: HTMLElement,
  onReport?: (key: string, value: string) => void,
): Promise<{ embedded: boolean; backend: Backend; page: PageFigure }> {
  const embedded = applyEmbedMode();
  const backend = await openBrowserBackend({ backend: pageParameters(name).backend });
  document.body.dataset['backend'] = backend.kind;
  if (!embedded || backend.kind === 'cpu') showBackendNotices(notices, backend);
  renderAdapterFacts(element('adapter'), backend);
  if (embedded) embedFooter(backend);
  // Open the device now (as the pages always did), so a failure shows before any figure work.
  if (backend.kind === 'webgpu') await backend.device();
  return { embedded, backend, page: new PageFigure(name, backend, notices, onReport) };
}

/** The embed footer: a link to the full page and what the figure ran on. */
export function embedFooter(backend: Backend): void {
  const footer = element('embed-footer');
  const link = document.createElement('a');
  link.href = location.href.replace(/([?&])embed(=[^&]*)?&?/, '$1').replace(/[?&]$/, '');
  link.target = '_blank';
  link.textContent = 'adamscope';
  footer.replaceChildren(link, ` · ${backend.kind} on ${backend.adapter.label}`);
}

/** How `PageFigure.show` writes the new URL into the history. */
export type HistoryMode = 'push' | 'replace' | 'none';

/**
 * The `input` / `change` event being dispatched now, if any (recorded in the capture phase,
 * forgotten once the dispatch is over): `show()` called from a control's handler pushes one
 * history entry per gesture (a slider drag: the first `input` pushes, the next ones and the
 * final `change` replace it).
 */
let dispatching: { type: 'input' | 'change'; target: EventTarget | null } | undefined;
for (const type of ['input', 'change'] as const) {
  document.addEventListener(
    type,
    (event) => {
      dispatching = { type, target: event.target };
      setTimeout(() => {
        if (dispatching?.target === event.target) dispatching = undefined;
      });
    },
    true,
  );
}

/** Parameters the page handles for every animated figure, known to its schema or not. */
const PLAYBACK = 'paused';

/** `search` as `?a=1&b=2` (`''` when empty), for comparisons. */
function normalized(search: string): string {
  const text = new URLSearchParams(search).toString();
  return text ? `?${text}` : '';
}

/** Whether the flag `name` is on in `search` (present, empty or `true`). */
function readFigureFlag(search: string, name: string): boolean {
  const value = new URLSearchParams(search).get(name);
  return value === '' || value === 'true';
}

/** A parameter value as a control shows it. */
function controlText(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  return value === undefined ? '' : String(value);
}

/**
 * The page's figure: mounted in `#figure-root` from the URL, re-mounted when the URL changes.
 * An animated figure gets a play / pause button under it (also in `?embed`): it starts
 * paused under `prefers-reduced-motion` or with `paused` in the URL, and the button writes
 * `paused` into the URL. A loading indicator shows until the figure's first frame.
 */
export class PageFigure {
  private current: MountedFigure | undefined;
  private controller: AbortController | undefined;
  private readonly toggle: HTMLButtonElement;
  private readonly loading: HTMLElement;
  /** The control whose gesture (slider drag) owns the current history entry. */
  private gesture: EventTarget | string | null | undefined;
  private readonly listeners: ((values: Record<string, unknown>) => void)[] = [];
  private shown = '';

  constructor(
    private readonly name: FigureName,
    private readonly backend: Backend,
    private readonly notices: HTMLElement,
    private readonly onReport?: (key: string, value: string) => void,
  ) {
    this.toggle = document.createElement('button');
    this.toggle.type = 'button';
    this.toggle.id = 'figure-toggle';
    this.toggle.hidden = true;
    this.toggle.addEventListener('click', () => {
      const figure = this.current;
      if (!figure) return;
      if (figure.playing) figure.pause();
      else figure.resume();
      this.label();
      // Pause is page state: a history entry, no re-mount.
      this.write(searchWith({ [PLAYBACK]: figure.playing ? undefined : '' }), 'push');
      this.shown = normalized(location.search);
    });
    this.loading = document.createElement('div');
    this.loading.className = 'figure-loading';
    this.loading.id = 'figure-loading';
    this.loading.setAttribute('role', 'status');
    this.loading.textContent = 'computing the first frame…';
    this.loading.hidden = true;
    const bar = document.createElement('div');
    bar.className = 'figure-bar';
    bar.append(this.toggle);
    const root = element('figure-root');
    root.before(this.loading);
    root.after(bar);
    // A control's `change` ends its gesture (after the page's own handlers ran): the next
    // drag of the same slider is a new history entry, whatever listens to the slider.
    document.addEventListener(
      'change',
      (event) => {
        const target = event.target;
        if (target) setTimeout(() => this.commitGesture(target));
      },
      true,
    );
    addEventListener('popstate', () => {
      this.gesture = undefined;
      if (!this.onlyPauseChanged()) void this.show(location.search, { history: 'none' });
    });
  }

  /** After Back / Forward over the play button: applies `paused` without a re-mount. */
  private onlyPauseChanged(): boolean {
    const figure = this.current;
    const withoutPause = (search: string) => {
      const query = new URLSearchParams(search);
      query.delete(PLAYBACK);
      return query.toString();
    };
    if (!figure?.definition.animated || withoutPause(location.search) !== withoutPause(this.shown))
      return false;
    const paused = readFigureFlag(location.search, PLAYBACK);
    if (paused) figure.pause();
    else figure.resume();
    this.shown = normalized(location.search);
    this.label();
    return true;
  }

  private label(): void {
    const figure = this.current;
    this.toggle.hidden = !figure?.definition.animated;
    this.toggle.textContent = figure?.playing ? '❚❚ pause' : '▶ play';
  }

  /** The mounted figure, once ready. */
  get figure(): MountedFigure | undefined {
    return this.current;
  }

  /**
   * Calls `listener` with the values the figure uses (the defaults in place of invalid ones)
   * whenever the page's URL changes (a control, Back / Forward): pages set their controls.
   */
  onParameters(listener: (values: Record<string, unknown>) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Keeps the controls of `form` whose `name` is a parameter of the figure in step with the
   * URL (they show the value used) and makes them live: `input` re-mounts the figure at once
   * (the running work is cancelled), one history entry per gesture. A control the browser
   * finds invalid (out of its min / max) waits until it is valid. A `data-scale="log10"`
   * control holds log10 of its parameter.
   */
  bindControls(form: HTMLFormElement): void {
    const schema = { ...FIGURE_INFO[this.name].parameters } as Record<string, unknown>;
    const controls = Array.from(form.elements).filter(
      (e): e is HTMLInputElement | HTMLSelectElement =>
        (e instanceof HTMLInputElement || e instanceof HTMLSelectElement) &&
        Object.hasOwn(schema, e.name),
    );
    const read = (control: HTMLInputElement | HTMLSelectElement): string | undefined => {
      if (control instanceof HTMLInputElement && control.type === 'checkbox')
        return control.checked ? '' : undefined;
      if (control.dataset['scale'] === 'log10')
        return String(Number((10 ** Number(control.value)).toPrecision(3)));
      return control.value;
    };
    for (const control of controls) {
      const type =
        control instanceof HTMLInputElement && control.type === 'text' ? 'change' : 'input';
      control.addEventListener(type, () => {
        if (!control.checkValidity()) return;
        void this.show(searchWith({ [control.name]: read(control) }));
      });
      if (type === 'input') control.addEventListener('change', () => this.commitGesture(control));
    }
    this.onParameters((values) => {
      for (const control of controls) {
        const value = values[control.name];
        if (control instanceof HTMLInputElement && control.type === 'checkbox') {
          control.checked = value === true;
        } else if (control.dataset['scale'] === 'log10') {
          control.value = String(Math.log10(Number(value)));
        } else {
          const text = controlText(value);
          if (
            control instanceof HTMLSelectElement &&
            ![...control.options].some((o) => o.value === text)
          )
            control.append(new Option(text, text));
          control.value = text;
        }
      }
    });
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  /** Ends the gesture of `control` (its `change`): the next change is a new history entry. */
  private commitGesture(control: EventTarget): void {
    if (this.gesture === control) this.gesture = undefined;
  }

  /** How a change made now enters the history (see `dispatching`). */
  private historyMode(): HistoryMode {
    const event = dispatching;
    if (!event) {
      this.gesture = undefined;
      return 'push';
    }
    const same = this.gesture === event.target;
    if (event.type === 'input') {
      this.gesture = event.target;
      return same ? 'replace' : 'push';
    }
    this.gesture = undefined;
    return same ? 'replace' : 'push';
  }

  /** Writes `search` as the page's URL (no entry when it is the URL already): whether it did. */
  private write(search: string, mode: HistoryMode): boolean {
    const target = normalized(search);
    if (mode === 'none' || target === normalized(location.search)) return false;
    const url = `${location.pathname}${target}${location.hash}`;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    return true;
  }

  /** The values the figure uses for the page's URL, and the listeners told. */
  private sync(): void {
    const values = readFigureParameters(this.name, paramsOf()).values as Record<string, unknown>;
    for (const listener of this.listeners) listener(values);
  }

  /**
   * A change the figure made itself (x0 dragged, the time scrubbed): written into the URL
   * without re-mounting (`commit`: a new entry unless the same gesture owns the current one).
   */
  private figureChanged(
    changes: Readonly<Record<string, string | undefined>>,
    commit: boolean,
  ): void {
    const key = `figure:${Object.keys(changes).join(',')}`;
    const mode = this.gesture === key ? 'replace' : 'push';
    // A gesture owns an entry from its first actual change on (a press on x0 changes nothing).
    if (this.write(searchWith(changes), mode)) this.gesture = commit ? undefined : key;
    else if (commit && this.gesture === key) this.gesture = undefined;
    this.shown = normalized(location.search);
    this.sync();
  }

  /**
   * (Re)mounts the figure with the parameters of `search` (default: the page's URL), which
   * becomes the page's URL: a new history entry, or the current one replaced while a control's
   * gesture lasts (`history` overrides). The running figure is cancelled at once (its work
   * aborts), not queued behind. Errors are shown in the figure's place and mark the page failed.
   */
  async show(
    search = location.search,
    options: { history?: HistoryMode } = {},
  ): Promise<MountedFigure | undefined> {
    this.write(search, options.history ?? this.historyMode());
    const target = normalized(location.search);
    this.sync();
    const params = paramsOf(target);
    const animated = FIGURE_INFO[this.name].animated;
    const paused = readFigureFlag(target, PLAYBACK);
    this.shown = target;
    this.controller?.abort();
    this.current?.destroy();
    this.current = undefined;
    this.label();
    const controller = new AbortController();
    this.controller = controller;
    // `paused` is the page's for figures whose schema lacks it: they start still.
    const schema = FIGURE_INFO[this.name].parameters as Record<string, unknown>;
    if (animated && !Object.hasOwn(schema, PLAYBACK)) delete params[PLAYBACK];
    this.loading.hidden = false;
    try {
      const mounted = await mountFigure(element('figure-root'), this.name, params, {
        backend: this.backend,
        notices: this.notices,
        statusTarget: document.body,
        signal: controller.signal,
        ...(paused && animated ? { reducedMotion: true } : {}),
        ...(this.onReport ? { onReport: this.onReport } : {}),
        onError: () => (this.toggle.hidden = true),
        onParameters: (changes, commit) => this.figureChanged(changes, commit),
      });
      if (controller.signal.aborted) return undefined;
      this.current = mounted;
      this.label();
      return mounted;
    } catch {
      // Shown in the figure's place by mountFigure (or the figure was replaced meanwhile).
      return undefined;
    } finally {
      if (this.controller === controller) this.loading.hidden = true;
    }
  }
}

/**
 * Makes the named fields of `form` live (`PageFigure.bindControls`: `input` re-mounts the
 * figure, the URL holds every value); submitting re-mounts with all of them.
 */
export function showOnSubmit(form: HTMLFormElement, page: PageFigure): void {
  page.bindControls(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      Array.from(new FormData(form), ([name, v]) => [name, String(v)]),
    );
    void page.show(searchWith(changes));
  });
}

/** The page's URL with `changes` applied to its parameters (`undefined` removes one). */
export function searchWith(changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) query.delete(name);
    else query.set(name, value);
  }
  return `?${query.toString()}`;
}
