/**
 * Theorem lab figure: runs an experiment of `EXPERIMENTS` at a small size on the backend, with
 * a progress bar, then shows its verdict, its Markdown tables and its SVG figures.
 * Parameters: experiment (name), trajectories.
 */
import { EXPERIMENTS } from '../../experiments/index.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { el, lifetime, stillHandle } from './layout.ts';
import { renderMarkdown } from './theorems/markdown.ts';
import { smallParams } from './theorems/sizes.ts';
import type { FigureContext, FigureDefinition } from './types.ts';

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext) {
  const { experiment: name, trajectories } = readFigureParameters('theorems', raw).values;
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  // The catalog lists the names of EXPERIMENTS (test/cpu/figureParams.test.ts).
  if (!experiment) throw new Error(`theorems: ${name} is not an experiment of EXPERIMENTS`);
  const small = smallParams(experiment, trajectories === undefined ? {} : { trajectories });
  if (small.refused) context.notice(small.refused, 'warning');
  return { experiment, params: small.params };
}

/** An SVG figure of an experiment, as an image (its markup is never inserted in the page). */
function figureOf(near: Node, svg: string, caption: string): HTMLElement {
  const image = el(near, 'img');
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  image.alt = caption;
  return el(near, 'figure', {}, [
    el(near, 'div', { className: 'af-scroll' }, [image]),
    el(near, 'figcaption', { text: caption }),
  ]);
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
      text: `parameters: ${JSON.stringify(params)}`,
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
  verdict.textContent = outcome.verdict;
  const nodes = renderMarkdown(outcome.markdown).map((node) =>
    node.tagName === 'TABLE' ? el(host, 'div', { className: 'af-scroll' }, [node]) : node,
  );
  for (const warning of warnings) nodes.push(el(host, 'p', { text: `warning: ${warning}` }));
  report.replaceChildren(...nodes);
  figures.replaceChildren(...outcome.figures.map((f) => figureOf(host, f.svg, f.caption)));
  return stillHandle(life);
};

export const figure: FigureDefinition = { ...FIGURE_INFO.theorems, mount };
