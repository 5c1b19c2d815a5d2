/**
 * Random streams figure: histograms of Philox draws (uniform, normal, Bernoulli), made on the
 * backend (GPU or the CPU twin), against their laws with the KS distance. Parameters: dist
 * (comma list), n, seed, p.
 */
import type { Backend } from '../../backend/index.ts';
import { CanvasSurface } from '../../plot/canvasSurface.ts';
import { drawHistogram, histogram } from '../../plot/histogram.ts';
import { seedKey } from '../../random/distributions.ts';
import { drawRandomValues, type RandomValues } from '../randomDraws.ts';
import { FIGURE_INFO } from './catalog.ts';
import { box, el, lifetime, sizeOf, watchSize } from './layout.ts';
import { ParameterReader } from './params.ts';
import { LAWS, type LawFigure } from './random/laws.ts';
import type { FigureContext, FigureDefinition, FigureHandle } from './types.ts';

/** The sample sizes offered: 2^12, 2^14, ..., 2^22. */
const SAMPLE_SIZES = FIGURE_INFO.random.parameters.n.choices.map(Number);
const ASPECT = 1.6;

interface Params {
  n: number;
  seed: string;
  p: number;
  laws: readonly LawFigure[];
}

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext): Params {
  const read = new ParameterReader(raw);
  const n = read.choice('n', 2 ** 16, SAMPLE_SIZES);
  const p = read.number('p', 0.3, 0, 1);
  const all = LAWS.map((law) => law.distribution);
  const names = (read.get('dist') ?? all.join(',')).split(',').map((name) => name.trim());
  let laws: readonly LawFigure[] = LAWS.filter((law) => names.includes(law.distribution));
  if (laws.length === 0 || names.some((name) => !all.includes(name as LawFigure['distribution']))) {
    read.fallBack('dist', read.get('dist'), all.join(', '), all.join(','));
    laws = LAWS;
  }
  read.report(context);
  return { n, seed: read.string('seed', '42'), p, laws };
}

/** One drawn histogram, kept so a resize redraws without drawing new numbers. */
interface Drawn {
  law: LawFigure;
  values: RandomValues;
  distance: ReturnType<LawFigure['distance']>;
  milliseconds: number;
  figure: HTMLElement;
  box: HTMLElement;
  canvas: HTMLCanvasElement;
  caption: HTMLElement;
}

function render(item: Drawn, params: Params, backend: Backend): void {
  const { law, values, distance } = item;
  const { width, height } = sizeOf(item.box);
  if (width < 10 || height < 10) return;
  const narrow = width < 420;
  drawHistogram(
    CanvasSurface.fit(item.canvas, width, height),
    histogram(values, { bins: law.bins, range: law.range }),
    {
      title: law.title(params.p),
      subtitle:
        `n = ${params.n.toLocaleString('en')} · ` +
        (narrow ? '' : `seed ${params.seed} · `) +
        `${narrow ? 'KS' : distance.name} ${distance.value.toFixed(4)}`,
      xLabel: 'x',
      density: law.density(params.p),
      densityLabel: law.lawLabel(params.p),
      barsLabel: `${backend.kind} draws`,
    },
  );
  item.figure.dataset['distance'] = String(distance.value);
  const verdict = distance.value <= distance.critical ? 'below' : 'above';
  item.caption.textContent =
    `${distance.name} ${distance.value.toFixed(4)}, ${verdict} the 5 % critical value ` +
    `${distance.critical.toFixed(4)} · drawn on ${backend.kind} in ${item.milliseconds.toFixed(0)} ms`;
}

async function mount(
  host: HTMLElement,
  raw: Readonly<Record<string, string>>,
  context: FigureContext,
): Promise<FigureHandle> {
  const { backend } = context;
  const life = lifetime(context.signal);
  const params = readParams(raw, context);
  const key = seedKey(params.seed);
  const drawn: Drawn[] = [];
  for (const law of params.laws) {
    const start = performance.now();
    const values = await drawRandomValues(backend, {
      key,
      distribution: law.distribution,
      count: params.n,
      p: params.p,
    });
    const milliseconds = performance.now() - start;
    const canvas = el(host, 'canvas');
    const frame = box(host, ASPECT);
    frame.append(canvas);
    const caption = el(host, 'figcaption');
    const figure = el(host, 'figure', { className: 'af-panel' }, [frame, caption]);
    figure.dataset['distribution'] = law.distribution;
    const distance = law.distance(values, params.p);
    drawn.push({ law, values, milliseconds, figure, box: frame, canvas, caption, distance });
  }
  host.append(
    el(
      host,
      'div',
      { className: 'af-grid' },
      drawn.map((d) => d.figure),
    ),
  );
  for (const item of drawn) {
    render(item, params, backend);
    watchSize(item.box, life.signal, () => render(item, params, backend));
  }
  return { pause() {}, resume() {}, playing: false, destroy: () => life.abort() };
}

export const figure: FigureDefinition = { ...FIGURE_INFO.random, mount };
