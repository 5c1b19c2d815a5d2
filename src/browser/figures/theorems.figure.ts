/**
 * Theorem lab figure: runs an experiment of `EXPERIMENTS` at a small size on the backend, with
 * a progress bar, then shows its verdict, its Markdown tables and its SVG figures.
 * Parameters: experiment (name), trajectories.
 */
import { EXPERIMENTS } from '../../experiments/index.ts';
import { FIGURE_INFO } from './catalog.ts';
import { el, lifetime } from './layout.ts';
import { ParameterReader } from './params.ts';
import { renderMarkdown } from './theorems/markdown.ts';
import { smallParams } from './theorems/sizes.ts';
import type { FigureContext, FigureDefinition, FigureHandle } from './types.ts';

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext) {
  const read = new ParameterReader(raw);
  const names = EXPERIMENTS.map((e) => e.name);
  const name = read.choice('experiment', names[0] ?? '', names);
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  if (!experiment) throw new Error('theorems: EXPERIMENTS is empty');
  const overrides: Record<string, unknown> = {};
  const trajectories = read.get('trajectories');
  if (trajectories !== undefined) {
    const value = Number(trajectories);
    if (Number.isInteger(value) && value >= 1 && value <= 2 ** 20)
      overrides['trajectories'] = value;
    else read.fallBack('trajectories', trajectories, 'an integer in [1, 1048576]', 'a small size');
  }
  read.report(context);
  return { experiment, overrides };
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

async function mount(
  host: HTMLElement,
  raw: Readonly<Record<string, string>>,
  context: FigureContext,
): Promise<FigureHandle> {
  const life = lifetime(context.signal);
  const { experiment, overrides } = readParams(raw, context);
  const params = smallParams(experiment, overrides);
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
  return { pause() {}, resume() {}, playing: false, destroy: () => life.abort() };
}

export const figure: FigureDefinition = { ...FIGURE_INFO.theorems, mount };
