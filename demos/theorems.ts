/**
 * Theorem lab in the browser: pick an experiment of `EXPERIMENTS`, run it at a small size
 * on the page's backend with a progress bar, and show its verdict, its Markdown tables and
 * its SVG figures. URL parameters: experiment (name), trajectories, backend=cpu, embed.
 */
import { EXPERIMENTS, type Backend, type Experiment } from 'adamscope';
import { element, openFigurePage } from './shared/figure.ts';
import { setPageState, showPageError } from './shared/page.ts';
import { renderMarkdown } from './theorems/markdown.ts';
import { smallParams } from './theorems/sizes.ts';

const notices = element('notices');
let generation = 0;

function figureOf(svg: string, caption: string): HTMLElement {
  const figure = document.createElement('figure');
  const image = document.createElement('img');
  // An <img> renders the SVG without running or inserting its markup into the page.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  image.alt = caption;
  image.style.maxWidth = '100%';
  const text = document.createElement('figcaption');
  text.textContent = caption;
  figure.append(image, text);
  return figure;
}

async function runExperiment(
  experiment: Experiment,
  backend: Backend,
  overrides: Record<string, unknown>,
): Promise<void> {
  const mine = ++generation;
  setPageState('loading');
  const progress = element<HTMLProgressElement>('progress');
  const stage = element('stage');
  const warnings: string[] = [];
  element('title').textContent = `${experiment.title} (${experiment.claim})`;
  element('summary').textContent = experiment.summary;
  element('verdict').textContent = 'running…';
  element('report').replaceChildren();
  element('figures').replaceChildren();
  const params = smallParams(experiment, overrides);
  element('params').textContent = JSON.stringify(params);
  const started = performance.now();
  const outcome = await experiment.run(params, {
    backend,
    progress(fraction, label) {
      if (mine !== generation) return;
      progress.value = fraction;
      stage.textContent = label ?? '';
    },
    warn: (message) => warnings.push(message),
  });
  if (mine !== generation) return;
  progress.value = 1;
  stage.textContent = `done in ${((performance.now() - started) / 1000).toFixed(1)} s (small run: its verdict can differ from a full-size report)`;
  element('verdict').textContent = outcome.verdict;
  const report = renderMarkdown(outcome.markdown);
  for (const warning of warnings) {
    const p = document.createElement('p');
    p.className = 'warning';
    p.textContent = `warning: ${warning}`;
    report.push(p);
  }
  element('report').replaceChildren(...report);
  element('figures').replaceChildren(...outcome.figures.map((f) => figureOf(f.svg, f.caption)));
  setPageState('ready');
}

function overridesFrom(query: URLSearchParams): Record<string, unknown> {
  const trajectories = query.get('trajectories');
  return trajectories ? { trajectories: Number(trajectories) } : {};
}

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const query = new URLSearchParams(location.search);
  const select = element<HTMLSelectElement>('experiment');
  select.replaceChildren(...EXPERIMENTS.map((e) => new Option(`${e.name}: ${e.claim}`, e.name)));
  const first = EXPERIMENTS.find((e) => e.name === query.get('experiment')) ?? EXPERIMENTS[0];
  if (!first) throw new Error('theorems: EXPERIMENTS is empty');
  select.value = first.name;
  element<HTMLFormElement>('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    const experiment = EXPERIMENTS.find((e) => e.name === select.value);
    if (!experiment) return;
    const q = new URLSearchParams(location.search);
    q.set('experiment', experiment.name);
    history.replaceState(null, '', `?${q.toString()}`);
    runExperiment(experiment, backend, overridesFrom(q)).catch((error: unknown) =>
      showPageError(notices, error),
    );
  });
  await runExperiment(first, backend, overridesFrom(query));
}

main().catch((error: unknown) => showPageError(notices, error));
