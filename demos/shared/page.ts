/**
 * Page chrome shared by the gallery pages: embed mode, notices, the adapter panel and the
 * `data-state` attribute that tests wait on. Library code comes from the package entries; this is layout only.
 */
import type { Backend } from 'adamscope';
import { showNotice } from 'adamscope/browser';

/** True when the page is framed in an article: `?embed` (any value) in the URL. */
export function isEmbedded(search = location.search): boolean {
  return new URLSearchParams(search).has('embed');
}

/** Hides the page chrome (header, controls, panels) in embed mode; keeps figures and notices. */
export function applyEmbedMode(): boolean {
  const embedded = isEmbedded();
  document.documentElement.classList.toggle('embed', embedded);
  return embedded;
}

/** Shows the backend's notices: a CPU fallback as a warning, a software adapter as info. */
export function showBackendNotices(container: HTMLElement, backend: Backend): void {
  for (const line of backend.notices) {
    showNotice(container, line, backend.kind === 'cpu' ? 'warning' : 'info');
  }
}

/** Fills a `<dl>` with what the backend runs on, including the software/hardware label. */
export function renderAdapterFacts(list: HTMLElement, backend: Backend): void {
  const adapter = backend.adapter;
  const facts: [string, string | HTMLElement][] = [['backend', backend.kind]];
  if (backend.kind === 'webgpu') {
    const report = backend.adapter;
    facts.push(
      ['vendor', report.vendor || '-'],
      ['architecture', report.architecture || '-'],
      ['description', report.description || '-'],
      ['device', report.device || '-'],
      [
        'storage binding',
        `${(report.limits.maxStorageBufferBindingSize / 2 ** 20).toFixed(0)} MiB`,
      ],
      ['features', collapsed(`${report.features.length} features`, report.features.join(', '))],
    );
  } else {
    facts.push(['description', adapter.description]);
  }
  const badge = document.createElement('span');
  badge.className = `badge ${adapter.isSoftware ? 'software' : 'hardware'}`;
  badge.textContent = adapter.isSoftware ? 'software adapter' : 'hardware adapter';
  badge.title = adapter.label;
  badge.dataset['testid'] = 'adapter-kind';
  facts.splice(1, 0, ['kind', badge]);
  list.replaceChildren(
    ...facts.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(value);
      return [dt, dd];
    }),
  );
}

/** A `<details>` showing `summary` and, when opened, `text`. */
function collapsed(summary: string, text: string): HTMLElement {
  const details = document.createElement('details');
  const head = document.createElement('summary');
  head.textContent = summary;
  details.append(head, text);
  return details;
}

/** Marks the page `loading`, `ready` or `error` (tests and screenshots wait for `ready`). */
export function setPageState(state: 'loading' | 'ready' | 'error'): void {
  document.body.dataset['state'] = state;
}

/** Shows an error on the page (visible, not only in the console) and marks the page failed. */
export function showPageError(container: HTMLElement, error: unknown): void {
  const element = document.createElement('pre');
  element.className = 'error';
  element.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  container.prepend(element);
  setPageState('error');
}
