/**
 * Shared by the debiasing and dimension-100 figures: an ensemble of ADAM with bias correction
 * (group 0) and without (group 1) recorded over time, next to limit-ODE curves, drawn as
 * F(x(t)) medians with 5–95 % bands. Records are drawn as they arrive (a live figure).
 */
import { resolveEnsemble } from '../../ensemble/config.ts';
import type { EnsembleConfig } from '../../ensemble/config.ts';
import { createEnsemble } from '../../ensemble/run.ts';
import type { EnsembleRecord } from '../../ensemble/records.ts';
import { CanvasSurface } from '../../plot/canvasSurface.ts';
import { drawLineChart, type BandSeries, type LineSeries } from '../../plot/lineChart.ts';
import { niceDomain, niceLogDomain } from '../../plot/scale.ts';
import type { DrawingSurface } from '../../plot/surface.ts';
import { SvgSurface } from '../../plot/svgSurface.ts';
import type { ProblemSpec } from '../../problems/index.ts';
import {
  animate,
  el,
  fSeries,
  lifetime,
  onAbort,
  Playback,
  playbackHandle,
  Serial,
  sizeOf,
  watchSize,
} from './layout.ts';
import type { FigureContext, FigureData, FigureHandle } from './types.ts';

/** Group 0: debiased ADAM; group 1: the same without bias correction. */
export const DEBIAS_GRID = [{ debias: true }, { debias: false }] as const;
export const GROUP_STYLE = [
  { label: 'ADAM (debiased)', short: 'ADAM', color: '#0072b2' },
  { label: 'ADAM without debiasing', short: 'ADAM, no debiasing', color: '#d55e00' },
] as const;

/** A curve of F along a limit ODE. */
export interface OdeCurve {
  t: ArrayLike<number>;
  F: ArrayLike<number>;
  label: string;
  /** The label in narrow figures (under 420 px). */
  shortLabel: string;
  color: string;
  dash?: readonly number[];
}

export interface ComparisonChart {
  title: string;
  /** A shorter title for narrow figures (under 420 px). */
  shortTitle: string;
  subtitle: string;
  /** A shorter subtitle for narrow figures (under 420 px). */
  shortSubtitle: string;
  T: number;
  /** Transform of F for the y axis (identity or log10), with its label; `scale: 'log'` for a log axis. */
  y: { map: (F: number) => number; label: string; scale?: 'linear' | 'log' };
  groups: EnsembleRecord[][];
  odes: readonly OdeCurve[];
  /** Extra horizontal reference line, e.g. F(x0). */
  reference?: { value: number; label: string };
}

/** The parameters both comparison figures read (their schemas in catalog.ts). */
export interface ComparisonParams {
  gamma: number;
  a: number;
  /** b/a. */
  ratio: number;
  /** Trajectories per group. */
  n: number;
  seed: string;
  T: number;
}

/**
 * What both comparison figures run: ADAM with b = ratio·a, with and without debiasing, `n`
 * trajectories per group from `x0`, and the base of their limit-ODE solves (dopri5, output at
 * `outputs` + 1 times on [0, T]); `problem` is the resolved problem (F, its gradient).
 */
export function adamComparison(
  spec: ProblemSpec,
  params: ComparisonParams,
  x0: readonly number[],
  outputs: number,
) {
  const { gamma, a, T } = params;
  const b = params.ratio * a;
  const config = {
    problem: spec,
    optimizer: { name: 'adam' as const, gamma, a, b },
    trajectories: 2 * params.n,
    seed: params.seed,
    x0,
  };
  const problem = resolveEnsemble(config).problem;
  const times = Array.from({ length: outputs + 1 }, (_, k) => (T * k) / outputs);
  const ode = { problem, a, b, x0, finalTime: T, method: 'dopri5' as const, outputTimes: times };
  return { b, config, problem, times, ode, steps: Math.round(T / gamma) };
}

/** Draws bands and medians of both groups and the ODE curves. */
export function drawComparison(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  chart: ComparisonChart,
): void {
  drawComparisonOn(CanvasSurface.fit(canvas, width, height), chart);
}

/** The chart of `drawComparison` on any surface (an SvgSurface for the SVG download). */
export function drawComparisonOn(surface: DrawingSurface, chart: ComparisonChart): void {
  const width = surface.width;
  const map = (values: ArrayLike<number>) => Array.from(values, chart.y.map);
  const narrow = width < 420;
  const bands: BandSeries[] = [];
  const lines: LineSeries[] = [];
  chart.groups.forEach((records, g) => {
    const style = GROUP_STYLE[g];
    if (!style || records.length === 0) return;
    const s = fSeries(records);
    bands.push({ x: s.t, lower: map(s.q05), upper: map(s.q95), color: style.color, opacity: 0.18 });
    lines.push({
      x: s.t,
      y: map(s.median),
      label: narrow ? `${style.short}, median` : `${style.label}: median, 5–95 %`,
      color: style.color,
    });
  });
  for (const ode of chart.odes) {
    lines.push({
      x: ode.t,
      y: map(ode.F),
      label: narrow ? ode.shortLabel : ode.label,
      color: ode.color,
      lineWidth: 2.5,
      ...(ode.dash ? { dash: ode.dash } : {}),
    });
  }
  const reference = chart.reference;
  if (reference) {
    const value = chart.y.map(reference.value);
    lines.push({
      x: [0, chart.T],
      y: [value, value],
      label: reference.label,
      color: '#59636e',
      lineWidth: 1,
      dash: [2, 3],
    });
  }
  const ys = [
    ...bands.flatMap((b) => [...Array.from(b.lower), ...Array.from(b.upper)]),
    ...lines.flatMap((l) => Array.from(l.y)),
  ].filter((v) => Number.isFinite(v) && (chart.y.scale !== 'log' || v > 0));
  const log = chart.y.scale === 'log';
  drawLineChart(surface, {
    title: narrow ? chart.shortTitle : chart.title,
    subtitle: narrow ? chart.shortSubtitle : chart.subtitle,
    xLabel: 't = nγ',
    yLabel: chart.y.label,
    xDomain: [0, chart.T],
    ...(log ? { yScale: 'log' as const } : {}),
    yDomain: (log ? niceLogDomain : niceDomain)(Math.min(...ys), Math.max(...ys)),
    bands,
    lines,
  });
}

/** What a comparison figure runs. */
export interface ComparisonRun {
  config: Omit<EnsembleConfig, 'hyperGrid' | 'recordEvery'>;
  steps: number;
  /** About how many records are drawn over the run. */
  records: number;
  chart: ComparisonChart;
  caption: string;
}

/**
 * Builds the chart and its caption in `host`, records both ensembles at step 0, draws, and
 * then advances them (while playing) until `steps`. Resolves once the first frame is drawn.
 */
export async function mountComparison(
  host: HTMLElement,
  run: ComparisonRun,
  context: FigureContext,
): Promise<FigureHandle> {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const canvas = el(host, 'canvas', { id: 'chart' });
  // Aspect ratio from the stylesheet: 1 / 0.55, square in narrow columns (style.ts).
  const frame = el(host, 'div', { className: 'af-box af-chart' });
  frame.append(canvas);
  host.append(
    el(host, 'figure', { id: 'figure-f', className: 'af-panel' }, [
      frame,
      el(host, 'figcaption', { id: 'caption', text: run.caption }),
    ]),
  );
  const { chart, steps } = run;
  const redraw = () => {
    const { width, height } = sizeOf(frame);
    if (width >= 10 && height >= 10) drawComparison(canvas, width, height, chart);
  };
  const ensemble = await createEnsemble(
    { ...run.config, hyperGrid: [...DEBIAS_GRID] },
    context.backend,
  );
  const serial = new Serial();
  onAbort(signal, () => void serial.run(() => ensemble.destroy()));
  const every = Math.max(1, Math.ceil(steps / run.records));
  const groups: EnsembleRecord[][] = [[], []];
  chart.groups = groups;
  const record = async () => {
    for (const r of await ensemble.record()) groups[r.group]?.push(r);
    context.report('progress', (ensemble.step / steps).toFixed(3));
    context.report('step', String(ensemble.step));
    // The medians the summary shows, at full precision (data-median-0, data-median-1).
    groups.forEach((records, g) => context.report(`median-${g}`, String(records.at(-1)?.F.q50)));
  };
  await serial.run(async () => {
    if (!signal.aborted) await record();
  });
  redraw();
  watchSize(frame, signal, redraw);
  const playback = new Playback(!context.reducedMotion, signal);
  const handle = playbackHandle(playback, life);
  handle.svg = () => {
    const surface = new SvgSurface(720, 420);
    drawComparisonOn(surface, chart);
    return surface.toString();
  };
  handle.data = () => comparisonData(chart);
  handle.summary = () => comparisonSummary(chart, steps, ensemble.step);
  animate({
    signal,
    playback,
    serial,
    context,
    done: () => ensemble.step >= steps,
    frame: async () => {
      await ensemble.advance(Math.min(every, steps - ensemble.step));
      await record();
      redraw();
    },
  });
  return handle;
}

/** The records of both groups and the ODE curves as tables (FigureData; params come from mountFigure). */
export function comparisonData(chart: ComparisonChart): FigureData {
  const tables: Record<string, Record<string, (number | string)[]>> = {};
  chart.groups.forEach((records, g) => {
    const s = fSeries(records);
    tables[GROUP_STYLE[g]?.label ?? `group ${g}`] = {
      t: s.t,
      F_q05: s.q05,
      F_median: s.median,
      F_q95: s.q95,
    };
  });
  for (const ode of chart.odes) tables[ode.label] = { t: Array.from(ode.t), F: Array.from(ode.F) };
  return { figure: '', params: {}, tables };
}

const number = (v: number | undefined) => (v === undefined ? 'n/a' : v.toPrecision(3));

/** The key numbers now shown: the medians of F at the last record and the ODEs at the end. */
export function comparisonSummary(chart: ComparisonChart, steps: number, step: number): string {
  const parts = chart.groups.map((records, g) => {
    const last = records.at(-1);
    return `${GROUP_STYLE[g]?.label ?? `group ${g}`}: median F ${number(last?.F.q50)} (5–95 %: ${number(last?.F.q05)}–${number(last?.F.q95)})`;
  });
  const t = chart.groups[0]?.at(-1)?.t ?? 0;
  const odes = chart.odes.map((o) => `${o.label}: F(T) = ${number(Array.from(o.F).at(-1))}`);
  const reference = chart.reference
    ? `; ${chart.reference.label} = ${number(chart.reference.value)}`
    : '';
  return `${chart.title}. At t = ${t.toPrecision(3)} (step ${step} of ${steps}): ${parts.join('; ')}. ${odes.join('; ')}${reference}.`;
}
