/**
 * Helpers shared by the figure pages: DOM look-ups, opening the page's backend (with its
 * notices, the adapter facts and the embed footer) and mounting the page's figure with the
 * URL parameters (`mountFigure` of `adamscope/browser`, the code `<adamscope-figure>` runs).
 * Layout only: the figures live in the package (src/browser/figures/).
 */
import type { Backend } from 'adamscope';
import {
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

/**
 * The page's figure: mounted in `#figure-root` from the URL, re-mounted when the URL changes.
 * An animated figure gets a play / pause button under it (also in `?embed`): it starts
 * paused under `prefers-reduced-motion` or with `paused` in the URL.
 */
export class PageFigure {
  private current: MountedFigure | undefined;
  private controller: AbortController | undefined;
  private readonly toggle: HTMLButtonElement;

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
      if (this.current?.playing) this.current.pause();
      else this.current?.resume();
      this.label();
    });
    const bar = document.createElement('div');
    bar.className = 'figure-bar';
    bar.append(this.toggle);
    element('figure-root').after(bar);
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
   * (Re)mounts the figure with the parameters of `search` (default: the page's URL), which
   * becomes the page's URL. Errors are shown in the figure's place and mark the page failed.
   */
  async show(search = location.search): Promise<MountedFigure | undefined> {
    if (search !== location.search) history.replaceState(null, '', search);
    this.controller?.abort();
    this.current?.destroy();
    this.current = undefined;
    this.label();
    const controller = new AbortController();
    this.controller = controller;
    const params = paramsOf(search);
    try {
      this.current = await mountFigure(element('figure-root'), this.name, params, {
        backend: this.backend,
        notices: this.notices,
        statusTarget: document.body,
        signal: controller.signal,
        ...(this.onReport ? { onReport: this.onReport } : {}),
        onError: () => (this.toggle.hidden = true),
      });
      this.label();
      return this.current;
    } catch {
      // Shown in the figure's place by mountFigure (or the figure was replaced meanwhile).
      return undefined;
    }
  }
}

/** Re-mounts the page's figure with the named fields of `form` when it is submitted. */
export function showOnSubmit(form: HTMLFormElement, page: PageFigure): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      Array.from(new FormData(form), ([name, v]) => [name, String(v)]),
    );
    void page.show(searchWith(changes));
  });
}

/** The page's URL with `changes` applied to its parameters. */
export function searchWith(changes: Record<string, string>): string {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(changes)) query.set(name, value);
  return `?${query.toString()}`;
}
