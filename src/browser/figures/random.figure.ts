/**
 * Random streams figure: histograms of Philox draws (uniform, normal, Bernoulli), made on the
 * backend (GPU or the CPU twin), against their laws with the KS distance. Parameters: dist
 * (comma list), n, seed, p.
 */
import type { Backend } from '../../backend/index.ts';
import { CanvasSurface } from '../../plot/canvasSurface.ts';
import { drawHistogram, histogram } from '../../plot/histogram.ts';
import type { DrawingSurface } from '../../plot/surface.ts';
import { SvgSurface } from '../../plot/svgSurface.ts';
import { stackSvgs } from './exportSvg.ts';
import { seedKey } from '../../random/distributions.ts';
import { drawRandomValues, type RandomValues } from '../../kernels/randomDraws.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { box, el, lifetime, sizeOf, stillHandle, watchSize } from './layout.ts';
import { LAWS, type LawFigure } from './random/laws.ts';
import type { FigureDefinition } from './types.ts';

const ASPECT = 1.6;

interface Params {
  n: number;
  seed: string;
  p: number;
  laws: readonly LawFigure[];
}

function readParams(raw: Readonly<Record<string, string>>): Params {
  const { n, seed, p, dist } = readFigureParameters('random', raw).values;
  const laws = LAWS.filter((law) => dist.includes(law.distribution));
  return { n: Number(n), seed, p, laws };
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
  const { distance } = item;
  const { width, height } = sizeOf(item.box);
  if (width < 10 || height < 10) return;
  drawLaw(CanvasSurface.fit(item.canvas, width, height), item, params, backend);
  item.figure.dataset['distance'] = String(distance.value);
  const verdict = distance.value <= distance.critical ? 'below' : 'above';
  item.caption.textContent =
    `${distance.name} ${distance.value.toFixed(4)}, ${verdict} the 5 % critical value ` +
    `${distance.critical.toFixed(4)} · drawn on ${backend.kind} in ${item.milliseconds.toFixed(0)} ms`;
}

/** The histogram of one law on `surface` (the canvas, or an SvgSurface for the download). */
function drawLaw(surface: DrawingSurface, item: Drawn, params: Params, backend: Backend): void {
  const { law, values, distance } = item;
  const narrow = surface.width < 420;
  drawHistogram(surface, histogram(values, { bins: law.bins, range: law.range }), {
    title: law.title(params.p),
    subtitle:
      `n = ${params.n.toLocaleString('en')} · ` +
      (narrow ? '' : `seed ${params.seed} · `) +
      `${narrow ? 'KS' : distance.name} ${distance.value.toFixed(4)}`,
    xLabel: 'x',
    density: law.density(params.p),
    densityLabel: law.lawLabel(params.p),
    barsLabel: `${backend.kind} draws`,
  });
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const { backend } = context;
  const life = lifetime(context.signal);
  const params = readParams(raw);
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
  const handle = stillHandle(life);
  handle.svg = () =>
    stackSvgs(
      drawn.map((item) => {
        const surface = new SvgSurface(640, 400);
        drawLaw(surface, item, params, backend);
        return surface.toString();
      }),
    );
  handle.data = () => ({
    figure: 'random',
    params: {},
    tables: Object.fromEntries(
      drawn.map((item) => {
        const h = histogram(item.values, { bins: item.law.bins, range: item.law.range });
        const law = item.law.density(params.p);
        const left = Array.from(h.edges.subarray(0, -1));
        const right = Array.from(h.edges.subarray(1));
        return [
          item.law.distribution,
          {
            bin_left: left,
            bin_right: right,
            count: Array.from(h.counts),
            density: Array.from(h.density),
            law_density: left.map((l, k) => law((l + (right[k] ?? l)) / 2)),
          },
        ];
      }),
    ),
  });
  handle.summary = () =>
    drawn
      .map(
        (item) =>
          `${item.law.title(params.p)}: ${params.n} draws (seed ${params.seed}), ${item.distance.name} ${item.distance.value.toFixed(4)}, ${item.distance.value <= item.distance.critical ? 'below' : 'above'} the 5 % critical value ${item.distance.critical.toFixed(4)}.`,
      )
      .join(' ');
  return handle;
};

export const figure: FigureDefinition = { ...FIGURE_INFO.random, mount };
