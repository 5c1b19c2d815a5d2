/**
 * Shared by the debiasing and dimension-100 pages: an ensemble of ADAM with bias correction
 * (group 0) and without (group 1) recorded over time, next to limit-ODE curves, drawn as
 * F(x(t)) medians with 5–95 % bands. Records are drawn as they arrive (a live figure).
 */
import {
  createEnsemble,
  drawLineChart,
  niceDomain,
  type Backend,
  type BandSeries,
  type EnsembleConfig,
  type EnsembleRecord,
  type LineSeries,
} from 'adamscope';
import { CanvasSurface } from 'adamscope/browser';
import { fSeries } from './figure.ts';

/** Group 0: debiased ADAM; group 1: the same without bias correction. */
export const DEBIAS_GRID = [{ debias: true }, { debias: false }] as const;
export const GROUP_STYLE = [
  { label: 'ADAM (debiased)', color: '#0072b2' },
  { label: 'ADAM without debiasing', color: '#d55e00' },
] as const;

/** Runs `steps` steps, recording about `records` times; calls `onRecord` after each. */
export async function runDebiasPair(
  config: Omit<EnsembleConfig, 'hyperGrid' | 'recordEvery'>,
  steps: number,
  backend: Backend,
  onRecord: (records: EnsembleRecord[][], fraction: number) => void,
  isCurrent: () => boolean,
  records = 150,
): Promise<EnsembleRecord[][]> {
  const ensemble = await createEnsemble({ ...config, hyperGrid: [...DEBIAS_GRID] }, backend);
  const every = Math.max(1, Math.ceil(steps / records));
  const byGroup: EnsembleRecord[][] = [[], []];
  try {
    const push = (list: EnsembleRecord[]) => list.forEach((r) => byGroup[r.group]?.push(r));
    push(await ensemble.record());
    while (ensemble.step < steps && isCurrent()) {
      await ensemble.advance(Math.min(every, steps - ensemble.step));
      push(await ensemble.record());
      onRecord(byGroup, ensemble.step / steps);
      // Let the page paint between chunks (the cpu backend runs on this thread).
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return byGroup;
  } finally {
    ensemble.destroy();
  }
}

/** A curve of F along a limit ODE. */
export interface OdeCurve {
  t: ArrayLike<number>;
  F: ArrayLike<number>;
  label: string;
  color: string;
  dash?: readonly number[];
}

export interface ComparisonChart {
  title: string;
  subtitle: string;
  T: number;
  /** Transform of F for the y axis (identity or log10), with its label. */
  y: { map: (F: number) => number; label: string };
  groups: EnsembleRecord[][];
  odes: readonly OdeCurve[];
  /** Extra horizontal reference line, e.g. F(x0). */
  reference?: { value: number; label: string };
}

/** Draws bands and medians of both groups and the ODE curves. */
export function drawComparison(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  chart: ComparisonChart,
): void {
  const map = (values: ArrayLike<number>) => Array.from(values, chart.y.map);
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
      label: `${style.label}: median, 5–95 %`,
      color: style.color,
    });
  });
  for (const ode of chart.odes) {
    lines.push({
      x: ode.t,
      y: map(ode.F),
      label: ode.label,
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
  ].filter(Number.isFinite);
  drawLineChart(CanvasSurface.fit(canvas, width, height), {
    title: chart.title,
    subtitle: chart.subtitle,
    xLabel: 't = nγ',
    yLabel: chart.y.label,
    xDomain: [0, chart.T],
    yDomain: niceDomain(Math.min(...ys), Math.max(...ys)),
    bands,
    lines,
  });
}
