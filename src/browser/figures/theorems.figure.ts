/**
 * Theorem lab figure: runs an experiment of `EXPERIMENTS` at a small size on the backend, with
 * a progress bar, then shows its verdict, its Markdown tables and its SVG figures.
 * Parameters: experiment (name), trajectories.
 */
import { EXPERIMENTS } from '../../experiments/index.ts';
import { chartOptionsOf, redrawLineChart } from '../../experiments/figures.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { stackSvgs } from './exportSvg.ts';
import { el, lifetime, stillHandle, watchSize } from './layout.ts';
import { renderMarkdown } from './theorems/markdown.ts';
import { smallParams } from './theorems/sizes.ts';
import type { FigureContext, FigureData, FigureDefinition } from './types.ts';

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext) {
  const { experiment: name, trajectories } = readFigureParameters('theorems', raw).values;
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  // The catalog lists the names of EXPERIMENTS (test/cpu/figureParams.test.ts).
  if (!experiment) throw new Error(`theorems: ${name} is not an experiment of EXPERIMENTS`);
  const small = smallParams(experiment, trajectories === undefined ? {} : { trajectories });
  if (small.refused) context.notice(small.refused, 'warning');
  return { experiment, params: small.params };
}

/**
 * An SVG figure of an experiment at the width of its column: redrawn from its chart options
 * (chartOptionsOf) so that its text stays 12 px, and inserted as SVG markup parsed by
 * DOMParser (our SvgSurface escapes every text; DOMParser runs no script). A figure whose
 * options are unknown is shown as an image at its own size, scrolling if needed.
 */
function figureOf(near: Node, svg: string, caption: string, signal: AbortSignal): HTMLElement {
  const holder = el(near, 'div', { className: 'af-svg' });
  const options = chartOptionsOf(svg);
  const figure = el(near, 'figure', {}, [holder, el(near, 'figcaption', { text: caption })]);
  const draw = () => {
    const width = Math.floor(holder.clientWidth);
    const markup =
      options && width >= 200
        ? redrawLineChart(options, width, Math.round(width < 560 ? width * 0.95 : width * 0.58))
        : svg;
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = doc.documentElement;
    root.setAttribute('role', 'img');
    root.setAttribute('aria-label', caption);
    holder.replaceChildren(holder.ownerDocument.importNode(root, true));
  };
  if (!options) holder.classList.add('af-scroll');
  requestAnimationFrame(draw);
  draw();
  watchSize(holder, signal, draw);
  return figure;
}

/** Markdown tables of a report as FigureData tables (columns by header). */
function tablesOf(nodes: readonly HTMLElement[]): FigureData['tables'] {
  const tables: Record<string, Record<string, string[]>> = {};
  let heading = 'table';
  let count = 0;
  for (const node of nodes) {
    if (node.tagName === 'H3') heading = node.textContent ?? heading;
    const table = node.tagName === 'TABLE' ? node : node.querySelector('table');
    if (!(table instanceof HTMLTableElement)) continue;
    const rows = [...table.rows].map((r) => [...r.cells].map((c) => c.textContent ?? ''));
    const [header = [], ...body] = rows;
    let name = heading;
    while (name in tables) name = `${heading} (${++count})`;
    tables[name] = Object.fromEntries(
      header.map((h, k) => [h || `column ${k + 1}`, body.map((r) => r[k] ?? '')]),
    );
  }
  return tables;
}

/** The parameters of a run as `key = value` pairs (wraps on narrow screens). */
function paramsLine(params: unknown): string {
  if (typeof params !== 'object' || params === null) return String(params);
  return Object.entries(params)
    .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
    .join(' · ');
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const { experiment, params } = readParams(raw, context);
  const progress = el(host, 'progress', { id: 'progress' });
  progress.max = 1;
  progress.value = 0;
  const stage = el(host, 'span', { id: 'stage' });
  const verdict = el(host, 'p', { id: 'verdict', className: 'af-verdict', text: 'running…' });
  const report = el(host, 'section', { id: 'report' });
  const figures = el(host, 'div', { id: 'figures', className: 'af-images' });
  host.append(
    el(host, 'h3', { id: 'title', text: `${experiment.title} (${experiment.claim})` }),
    el(host, 'p', { id: 'summary', text: experiment.summary }),
    el(host, 'div', { className: 'af-progress' }, [progress, stage]),
    verdict,
    report,
    figures,
    el(host, 'p', {
      id: 'params',
      className: 'af-muted',
      text: `parameters: ${paramsLine(params)}`,
    }),
  );
  const warnings: string[] = [];
  const started = performance.now();
  const outcome = await experiment.run(params, {
    backend: context.backend,
    progress(fraction, label) {
      if (life.signal.aborted) return;
      progress.value = fraction;
      stage.textContent = label ?? '';
      context.report('progress', fraction.toFixed(3));
    },
    warn: (message) => warnings.push(message),
  });
  progress.value = 1;
  stage.textContent = `done in ${((performance.now() - started) / 1000).toFixed(1)} s (small run: its verdict can differ from a full-size report)`;
  // A small run may lack the power of the full-size test: a failed check says so, honestly.
  const shownVerdict = /\bNOT\b/.test(outcome.verdict)
    ? `inconclusive at this size (a small run; the full-size CLI report decides): ${outcome.verdict}`
    : outcome.verdict;
  verdict.textContent = shownVerdict;
  const nodes = renderMarkdown(outcome.markdown).map((node) =>
    node.tagName === 'TABLE' ? el(host, 'div', { className: 'af-scroll' }, [node]) : node,
  );
  for (const warning of warnings) nodes.push(el(host, 'p', { text: `warning: ${warning}` }));
  report.replaceChildren(...nodes);
  figures.replaceChildren(
    ...outcome.figures.map((f) => figureOf(host, f.svg, f.caption, life.signal)),
  );
  const handle = stillHandle(life);
  handle.svg = () => stackSvgs(outcome.figures.map((f) => f.svg));
  handle.data = () => ({
    figure: 'theorems',
    params: Object.fromEntries(
      Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, JSON.stringify(v)]),
    ),
    tables: tablesOf(nodes),
  });
  handle.summary = () => `${experiment.title} (${experiment.claim}): ${shownVerdict}`;
  return handle;
};

export const figure: FigureDefinition = { ...FIGURE_INFO.theorems, mount };
