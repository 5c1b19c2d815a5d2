/**
 * Saddle escape on the double well F = ¼(x1² − 1)² + ½x2² (docs/math.md section 6 item 4): from
 * x0 = (0.001, 0), next to the saddle at 0, the time t = nγ at which |x1| first exceeds a
 * threshold, for SGD, the heavy ball, ADAM and RMSProp at the same γ and noise σ. The
 * computation is the `saddle` experiment (src/experiments/saddle.ts); the figure draws the
 * survival curves P(not escaped by t) and histograms of the escape times, and counts the runs
 * that did not escape by T (in the legends and the caption, never dropped).
 */
import type { SaddleResults } from '../../experiments/saddle.ts';
import { histogram } from '../../plot/histogram.ts';
import { drawLineChart } from '../../plot/lineChart.ts';
import type { DrawingSurface } from '../../plot/surface.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { lifetime, stillHandle } from './layout.ts';
import { ChartPanels } from './mechanics/panels.ts';
import { cliSeed, experiment, runInFigure } from './mechanics/run.ts';
import { cpuCap } from './params.ts';
import type { FigureData, FigureDefinition } from './types.ts';

/** Trajectories per optimizer on the cpu backend. */
const CPU_MAX = 128;
/** About this many position read-backs per run (time resolution T/PROBES). */
const PROBES = 40;
const BINS = 20;

const STYLE: Record<string, { label: string; color: string }> = {
  sgd: { label: 'SGD', color: '#d55e00' },
  'heavy-ball': { label: 'heavy ball', color: '#009e73' },
  adam: { label: 'ADAM', color: '#0072b2' },
  rmsprop: { label: 'RMSProp', color: '#cc79a7' },
};
const styleOf = (method: string) => STYLE[method] ?? { label: method, color: '#59636e' };

type Group = SaddleResults['groups'][number];

/** One optimizer's escape times (null: not escaped by T) and counts. */
interface Escapes {
  group: Group;
  times: number[];
  escaped: number;
  notEscaped: number;
}

function survivalChart(escapes: readonly Escapes[], T: number, threshold: number) {
  return (surface: DrawingSurface, narrow: boolean) =>
    drawLineChart(surface, {
      title: narrow ? 'Not escaped by t' : `Survival: P(|x1| ≤ ${threshold} up to t)`,
      subtitle: narrow ? '95 % Wilson bands' : '95 % Wilson bands; legend: runs not escaped by T',
      xLabel: 't = nγ',
      yLabel: 'fraction not escaped',
      xDomain: [0, T],
      yDomain: [0, 1],
      bands: escapes.map(({ group }) => ({
        x: group.t,
        lower: group.survival.map((f) => f.low),
        upper: group.survival.map((f) => f.high),
        color: styleOf(group.method).color,
        opacity: 0.15,
      })),
      lines: escapes.map(({ group, notEscaped, times }) => ({
        x: group.t,
        y: group.survival.map((f) => f.fraction),
        label: `${styleOf(group.method).label} (${notEscaped}/${times.length + notEscaped} stay)`,
        color: styleOf(group.method).color,
      })),
    });
}

/** Step curves of the escape-time counts per bin of [0, T]. */
function histogramChart(escapes: readonly Escapes[], T: number) {
  const curves = escapes.map((e) => {
    const h = histogram(e.times, { bins: BINS, range: [0, T * (1 + 1e-9)] });
    const x: number[] = [];
    const y: number[] = [];
    h.counts.forEach((count, k) => {
      x.push(h.edges[k] ?? 0, h.edges[k + 1] ?? 0);
      y.push(count, count);
    });
    return { e, x, y };
  });
  const top = Math.max(1, ...curves.flatMap((c) => c.y));
  return (surface: DrawingSurface, narrow: boolean) =>
    drawLineChart(surface, {
      title: narrow ? 'Escape times' : 'Histogram of escape times',
      subtitle: narrow
        ? `${BINS} bins; runs left at T not binned`
        : `${BINS} bins on [0, T]; runs not escaped by T are not in the bins`,
      xLabel: 'escape time t',
      yLabel: 'runs',
      xDomain: [0, T],
      yDomain: [0, top * 1.05],
      lines: curves.map(({ e, x, y }) => ({
        x,
        y,
        label: `${styleOf(e.group.method).label} (${e.escaped} escaped)`,
        color: styleOf(e.group.method).color,
      })),
    });
}

const fmt = (t: number) => (Number.isFinite(t) ? t.toFixed(2) : '> T');

function line(e: Escapes): string {
  const median = e.group.summary.quantiles[2]?.t ?? NaN;
  return `${styleOf(e.group.method).label}: median ${fmt(median)}, ${e.escaped} escaped, ${e.notEscaped} not by T`;
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const read = readFigureParameters('saddle', raw).values;
  const n = cpuCap(context, read.n, CPU_MAX, 'trajectories per optimizer');
  const { gamma, sigma, threshold, a, b, T } = read;
  const probeEvery = Math.max(1, Math.round(T / gamma / PROBES));
  const params = {
    trajectories: n,
    gammas: [gamma],
    optimizers: read.optimizers.join(','),
    T,
    threshold,
    sigma,
    a,
    b,
    probeEvery,
    seed: cliSeed(read.seed),
  };
  const outcome = await runInFigure(host, experiment('saddle'), params, context, signal);
  const results = outcome.results as SaddleResults;
  const escapes: Escapes[] = results.groups.map((group) => {
    const all = results.escapeTimes[`${group.method}@${group.gamma}`] ?? [];
    const times = all.filter((t): t is number => t !== null);
    return { group, times, escaped: times.length, notEscaped: all.length - times.length };
  });
  const panels = new ChartPanels(
    host,
    ['saddle-survival', 'saddle-histogram'],
    [survivalChart(escapes, T, threshold), histogramChart(escapes, T)],
    signal,
  );
  panels.caption(
    0,
    `Double well, x0 = (0.001, 0), noise σ = ${sigma}, γ = ${gamma}, ${n} runs per optimizer; escape when |x1| > ${threshold}, ` +
      `read every ${probeEvery} steps (time resolution ${(probeEvery * gamma).toPrecision(2)}). ADAM a = ${a}, b = ${b}; heavy ball μ = 1 − aγ; RMSProp β = 1 − bγ.`,
  );
  panels.caption(1, `${escapes.map(line).join('; ')}.`);
  panels.redraw();
  for (const e of escapes) {
    // data-<method>-median etc. (dataset keys are camelCase: heavyBallMedian is data-heavy-ball-median).
    const key = e.group.method.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    context.report(`${key}Median`, String(e.group.summary.quantiles[2]?.t ?? NaN));
    context.report(`${key}Escaped`, String(e.escaped));
    context.report(`${key}Stayed`, String(e.notEscaped));
  }
  const data = (): FigureData => {
    const rows = escapes.flatMap((e) => e.group.t.map((t, j) => ({ e, t, j })));
    return {
      figure: 'saddle',
      params: {
        ...Object.fromEntries(
          Object.entries({ ...read, n }).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join(',') : String(value),
          ]),
        ),
        probeEvery: String(probeEvery),
      },
      tables: {
        survival: {
          optimizer: rows.map((r) => r.e.group.method),
          t: rows.map((r) => r.t),
          notEscaped: rows.map((r) => r.e.group.survival[r.j]?.fraction ?? NaN),
        },
        escapeTimes: (() => {
          const list = escapes.flatMap((e) => [
            ...e.times.map((t) => ({ m: e.group.method, t: String(t) })),
            ...Array.from({ length: e.notEscaped }, () => ({ m: e.group.method, t: '> T' })),
          ]);
          return { optimizer: list.map((r) => r.m), time: list.map((r) => r.t) };
        })(),
      },
    };
  };
  return {
    ...stillHandle(life),
    data,
    svg: () => panels.svg(),
    summary: () =>
      `Escape from the saddle of the double well (σ = ${sigma}, γ = ${gamma}, ${n} runs each, threshold ${threshold}, T = ${T}): ` +
      `${escapes.map(line).join('; ')}.`,
  };
};

export const figure: FigureDefinition = { ...FIGURE_INFO.saddle, mount };
