/**
 * Helpers shared by the figure pages (regression, debiasing, dimension-100, theorems): DOM
 * look-ups, URL parameters with ranges, canvas sizes that fit an embed frame, the embed
 * footer and line-chart series from ensemble records. Layout only; engines come from `adamscope`.
 */
import { ParameterError, type Backend, type EnsembleRecord } from 'adamscope';
import { openBrowserBackend } from 'adamscope/browser';
import { applyEmbedMode, renderAdapterFacts, showBackendNotices } from './page.ts';

/** The element with `id`, or a thrown error naming the page's missing markup. */
export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`${location.pathname}: missing #${id}`);
  return found as T;
}

/** A number from the URL (`name`), default `fallback`, checked against [min, max]. */
export function numberParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  const value = raw === null || raw === '' ? fallback : Number(raw);
  if (!(value >= min && value <= max)) throw new ParameterError(name, raw, `[${min}, ${max}]`);
  return value;
}

/** True in `?embed` mode (the figure fills the frame). */
export function embedded(): boolean {
  return document.documentElement.classList.contains('embed');
}

/**
 * A figure size in CSS pixels for `container`: its width, a height from `aspect`, and in
 * embed mode no taller than the frame leaves (room for `reserve` pixels of caption/footer).
 */
export function figureSize(
  container: HTMLElement,
  aspect: number,
  reserve = 64,
  limits: { minWidth?: number; maxHeight?: number } = {},
): { width: number; height: number } {
  const width = Math.max(limits.minWidth ?? 280, Math.floor(container.clientWidth));
  let height = Math.min(limits.maxHeight ?? 560, Math.max(220, width * aspect));
  if (embedded()) {
    const room = innerHeight - container.getBoundingClientRect().top - reserve;
    height = Math.max(180, Math.min(width * aspect, room));
  }
  return { width, height: Math.round(height) };
}

/**
 * Opens a figure page: embed mode, the backend (`?backend=cpu` forces the CPU twin), its
 * notices (kept in embeds only for the CPU fallback), the adapter facts and the embed footer.
 * The backend is what the page's ensembles and experiments run on.
 */
export async function openFigurePage(
  notices: HTMLElement,
): Promise<{ embedded: boolean; backend: Backend }> {
  const embedded = applyEmbedMode();
  const query = new URLSearchParams(location.search);
  const backend = await openBrowserBackend({
    backend: query.get('backend') === 'cpu' ? 'cpu' : 'webgpu',
  });
  document.body.dataset['backend'] = backend.kind;
  if (!embedded || backend.kind === 'cpu') showBackendNotices(notices, backend);
  renderAdapterFacts(element('adapter'), backend);
  if (embedded) embedFooter(backend);
  // Open the device now (as the pages always did), so a failure shows before any figure work.
  if (backend.kind === 'webgpu') await backend.device();
  return { embedded, backend };
}

/** The embed footer: a link to the full page and what the figure ran on. */
export function embedFooter(backend: Backend, extra = ''): void {
  const footer = element('embed-footer');
  const link = document.createElement('a');
  link.href = location.href.replace(/([?&])embed(=[^&]*)?&?/, '$1').replace(/[?&]$/, '');
  link.target = '_blank';
  link.textContent = 'adamscope';
  footer.replaceChildren(link, ` · ${backend.kind} on ${backend.adapter.label}${extra}`);
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

/** Runs `work` after the next animation frame at most once per frame (resize handlers). */
export function onResize(target: HTMLElement, work: () => void): void {
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      work();
    });
  }).observe(target);
}
