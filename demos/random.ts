/**
 * Random streams page: adapter facts and histograms of GPU draws (uniform, normal,
 * Bernoulli) against their laws. URL parameters: n, seed, p, dist (comma list),
 * backend=cpu, embed.
 */
import {
  ParameterError,
  drawHistogram,
  histogram,
  seedKey,
  type Backend,
  type BackendName,
} from 'adamscope';
import {
  CanvasSurface,
  drawRandomValues,
  openBrowserBackend,
  type RandomValues,
} from 'adamscope/browser';
import { LAWS, type LawFigure } from './random/laws.ts';
import {
  applyEmbedMode,
  renderAdapterFacts,
  setPageState,
  showBackendNotices,
  showPageError,
} from './shared/page.ts';

const SIZES = [12, 14, 16, 18, 20, 22].map((k) => 2 ** k);

interface Params {
  n: number;
  seed: string;
  p: number;
  laws: readonly LawFigure[];
  backend: BackendName;
}

function readParams(search: string): Params {
  const query = new URLSearchParams(search);
  const n = Number(query.get('n') ?? 2 ** 16);
  if (!SIZES.includes(n)) throw new ParameterError('n', n, SIZES.join(', '));
  const p = Number(query.get('p') ?? 0.3);
  if (!(p >= 0 && p <= 1)) throw new ParameterError('p', query.get('p'), '0 <= p <= 1');
  const names = (query.get('dist') ?? 'uniform,normal,bernoulli').split(',');
  const laws = LAWS.filter((law) => names.includes(law.distribution));
  if (laws.length === 0) throw new ParameterError('dist', names, 'uniform, normal, bernoulli');
  const backend = query.get('backend') === 'cpu' ? 'cpu' : 'webgpu';
  return { n, seed: query.get('seed') ?? '42', p, laws, backend };
}

/** One drawn figure, kept so a resize redraws without drawing new numbers. */
interface Drawn {
  law: LawFigure;
  values: RandomValues;
  distance: ReturnType<LawFigure['distance']>;
  milliseconds: number;
  figure: HTMLElement;
}

const figures = element('figures');
const notices = element('notices');
let drawn: Drawn[] = [];

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`random.html: missing #${id}`);
  return found;
}

function figureFor(law: LawFigure): HTMLElement {
  const figure = document.createElement('figure');
  figure.dataset['distribution'] = law.distribution;
  figure.append(document.createElement('canvas'), document.createElement('figcaption'));
  return figure;
}

function render(item: Drawn, params: Params, backend: Backend): void {
  const { law, values, figure, distance } = item;
  const width = Math.max(300, Math.floor(figure.clientWidth));
  let height = Math.min(420, Math.max(240, width * 0.62));
  if (document.documentElement.classList.contains('embed')) {
    // In an iframe, fit the frame: leave room for the caption and footer lines.
    const room = innerHeight - figure.getBoundingClientRect().top - 64;
    height = Math.max(200, Math.min(width * 0.62, room));
  }
  height = Math.round(height);
  const canvas = figure.querySelector('canvas');
  if (!canvas) return;
  drawHistogram(
    CanvasSurface.fit(canvas, width, height),
    histogram(values, { bins: law.bins, range: law.range }),
    {
      title: law.title(params.p),
      subtitle: `n = ${params.n.toLocaleString('en')} · seed ${params.seed} · ${distance.name} ${distance.value.toFixed(4)}`,
      xLabel: 'x',
      density: law.density(params.p),
      densityLabel: law.lawLabel(params.p),
      barsLabel: `${backend.kind} draws`,
    },
  );
  figure.dataset['distance'] = String(distance.value);
  const caption = figure.querySelector('figcaption');
  if (caption) {
    const verdict = distance.value <= distance.critical ? 'below' : 'above';
    caption.textContent =
      `${distance.name} ${distance.value.toFixed(4)}, ${verdict} the 5 % critical value ` +
      `${distance.critical.toFixed(4)} · drawn on ${backend.kind} in ${item.milliseconds.toFixed(0)} ms`;
  }
}

async function drawAll(params: Params, backend: Backend): Promise<void> {
  setPageState('loading');
  const key = seedKey(params.seed);
  const next: Drawn[] = [];
  for (const law of params.laws) {
    const figure = drawn.find((d) => d.law === law)?.figure ?? figureFor(law);
    const start = performance.now();
    const values = await drawRandomValues(backend, {
      key,
      distribution: law.distribution,
      count: params.n,
      p: params.p,
    });
    const milliseconds = performance.now() - start;
    next.push({ law, values, milliseconds, figure, distance: law.distance(values, params.p) });
  }
  drawn = next;
  figures.replaceChildren(...drawn.map((d) => d.figure));
  for (const item of drawn) render(item, params, backend);
  setPageState('ready');
}

function setUpControls(params: Params, backend: Backend): void {
  const form = element('controls') as HTMLFormElement;
  const size = element('n') as HTMLSelectElement;
  size.replaceChildren(
    ...SIZES.map((n) => new Option(`2^${Math.log2(n)} = ${n.toLocaleString('en')}`, String(n))),
  );
  size.value = String(params.n);
  (element('seed') as HTMLInputElement).value = params.seed;
  (element('p') as HTMLInputElement).value = String(params.p);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams(location.search);
    for (const [name, value] of new FormData(form)) query.set(name, String(value));
    history.replaceState(null, '', `?${query.toString()}`);
    try {
      Object.assign(params, readParams(location.search));
      drawAll(params, backend).catch((error: unknown) => showPageError(notices, error));
    } catch (error) {
      showPageError(notices, error);
    }
  });
}

/** The embed footer: a link to the full page and what the figure ran on. */
function embedFooter(backend: Backend): void {
  const footer = element('embed-footer');
  const link = document.createElement('a');
  link.href = location.href.replace(/([?&])embed(=[^&]*)?&?/, '$1').replace(/[?&]$/, '');
  link.target = '_blank';
  link.textContent = 'adamscope';
  footer.append(link, ` · ${backend.kind} on ${backend.adapter.label}`);
}

async function main(): Promise<void> {
  const embedded = applyEmbedMode();
  const params = readParams(location.search);
  const backend = await openBrowserBackend({ backend: params.backend });
  document.body.dataset['backend'] = backend.kind;
  // Embedded figures keep the CPU-fallback warning as a banner; the software-adapter info
  // goes to the footer line, which names the adapter.
  if (!embedded || backend.kind === 'cpu') showBackendNotices(notices, backend);
  renderAdapterFacts(element('adapter'), backend);
  if (embedded) embedFooter(backend);
  else setUpControls(params, backend);
  await drawAll(params, backend);
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      for (const item of drawn) render(item, params, backend);
    });
  }).observe(figures);
}

main().catch((error: unknown) => showPageError(notices, error));
