/**
 * Weak-convergence figure (Theorem 4.3, docs/math.md section 5): N ADAM trajectories at a step
 * γ (α = 1 − 2γ, β = 1 − γ, regression2d from x0 = (−2, −3)) against the ODE solution z from
 * the same x0, by the `weak-convergence` experiment's engine (`measureSupDistances`): the
 * histogram of sup_{t ≤ T} ‖z^γ(t) − z(t)‖ at the chosen γ, and P(sup > δ) (95 % Wilson
 * intervals) and the median (25–75 %) against γ with the √γ line. Each γ is an ensemble of its
 * own (trajectories 0 .. N − 1, the first group of the experiment), kept in a cache, so moving
 * γ adds points to the sweep. Parameters: gamma, delta, n, T, seed.
 */
import {
  measureSupDistances,
  weakConvergenceExperiment,
} from '../../experiments/weakConvergence.ts';
import { drawHistogram, histogram } from '../../plot/histogram.ts';
import { drawLineChart } from '../../plot/lineChart.ts';
import { wilsonInterval } from '../../stats/wilson.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { lifetime, stillHandle } from './layout.ts';
import { cpuCap } from './params.ts';
import { Panels, statusLine, throwIfAborted, yieldToPage } from './theory/panels.ts';
import type { FigureContext, FigureData, FigureDefinition } from './types.ts';

/** Trajectories per γ on the cpu backend. */
const CPU_MAX = 128;
/** The steps of the sweep, computed after the chosen γ. */
const GRID = [0.1, 0.05, 0.02, 0.01, 0.005, 0.002];
const BLUE = '#0072b2';

/** The sup-distances of one γ. */
interface Measured {
  gamma: number;
  /** sup² of the full state per trajectory, as the GPU observer wrote it (NaN: diverged). */
  supSq: Float64Array;
  /** sup per trajectory, finite ones, sorted. */
  sorted: Float64Array;
}

/** Measured γ, by configuration and γ (the page's recomputes reuse them). */
const cache = new Map<string, Measured>();

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** P(sup > δ) over the finite sups (the experiment's rule: sup² > δ²), with its Wilson interval. */
function above(m: Measured, delta: number) {
  let count = 0;
  let live = 0;
  for (const s of m.supSq) {
    if (!Number.isFinite(s)) continue;
    live++;
    if (s > delta * delta) count++;
  }
  const w = wilsonInterval(count, live, 0.95);
  return { p: live ? count / live : NaN, lo: w.low, hi: w.high, count, live };
}

async function measure(
  gamma: number,
  config: { n: number; T: number; seed: string },
  context: FigureContext,
  signal: AbortSignal,
  progress: (fraction: number) => void,
): Promise<Measured> {
  const params = weakConvergenceExperiment.schema.parse({
    trajectories: config.n,
    gammas: [gamma, 0.1],
    T: config.T,
    seed: config.seed,
  });
  const result = await measureSupDistances(
    { ...params, gammas: [gamma] },
    {
      backend: context.backend,
      progress: (fraction) => {
        throwIfAborted(signal);
        progress(fraction);
      },
      warn: () => undefined,
    },
  );
  const supSq = Float64Array.from(
    { length: config.n },
    (_, i) => result.observations[4 * i] ?? NaN,
  );
  const sorted = Float64Array.from(Array.from(supSq).filter(Number.isFinite), Math.sqrt).sort();
  return { gamma, supSq, sorted };
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const read = readFigureParameters('weak-convergence', raw).values;
  const n = cpuCap(context, read.n, CPU_MAX, 'trajectories per γ');
  const { gamma, delta, T, seed } = read;
  const config = { n, T, seed };
  const keyOf = (g: number) => JSON.stringify({ ...config, backend: context.backend.kind, g });
  const status = statusLine(host);
  const panels = new Panels(host, ['figure-histogram', 'figure-p', 'figure-median'], signal);

  const get = async (g: number, label: string): Promise<Measured> => {
    const cached = cache.get(keyOf(g));
    if (cached) return cached;
    status.progress(0, label);
    await yieldToPage();
    const m = await measure(g, config, context, signal, (f) => {
      status.progress(f, label);
      context.report('progress', f.toFixed(3));
    });
    throwIfAborted(signal);
    cache.set(keyOf(g), m);
    return m;
  };
  const current = await get(gamma, `${n} trajectories at γ = ${gamma}…`);
  const now = above(current, delta);
  const median = quantile(current.sorted, 0.5);

  panels.set(
    0,
    (surface, narrow) =>
      drawHistogram(surface, histogram(current.sorted, { bins: narrow ? 24 : 40 }), {
        title: narrow
          ? `sup-distance at γ = ${gamma}`
          : `sup_{t ≤ ${T}} ‖z^γ(t) − z(t)‖ at γ = ${gamma}`,
        subtitle: `P(sup > ${delta}) = ${now.p.toFixed(3)} [${now.lo.toFixed(3)}, ${now.hi.toFixed(3)}] · median ${median.toPrecision(3)}`,
        xLabel: 'sup-distance',
        yLabel: 'density',
        barsLabel: `${current.sorted.length} trajectories`,
        barColor: BLUE,
      }),
    `The distribution over ${n} trajectories of the largest distance, over t = kγ ≤ ${T}, between the ADAM ` +
      `state z^γ = (x, m, v) and the ODE solution z: ${now.count} of ${now.live} exceed δ = ${delta}.`,
  );

  const sweep = (): Measured[] =>
    [...new Set([...GRID, gamma])]
      .map((g) => cache.get(keyOf(g)))
      .filter((m): m is Measured => m !== undefined)
      .sort((x, y) => x.gamma - y.gamma);
  const drawSweep = () => {
    const rows = sweep().map((m) => ({
      gamma: m.gamma,
      ...above(m, delta),
      q25: quantile(m.sorted, 0.25),
      q50: quantile(m.sorted, 0.5),
      q75: quantile(m.sorted, 0.75),
    }));
    const lg = rows.map((r) => Math.log10(r.gamma));
    const u = Math.log10(gamma);
    panels.set(
      1,
      (surface, narrow) =>
        drawLineChart(surface, {
          title: narrow
            ? `P(sup > ${delta}) against γ`
            : `P(sup_{t ≤ ${T}} ‖z^γ − z‖ > ${delta}) against γ`,
          subtitle: `${n} trajectories per γ · 95 % Wilson intervals`,
          xLabel: 'log10 γ',
          yLabel: `P(sup > ${delta})`,
          yDomain: [0, 1],
          bands: [
            { x: lg, lower: rows.map((r) => r.lo), upper: rows.map((r) => r.hi), color: BLUE },
          ],
          lines: [
            { x: [u, u], y: [0, 1], color: '#d55e00', lineWidth: 1.5, label: `γ = ${gamma}` },
            { x: lg, y: rows.map((r) => r.p), color: BLUE, label: 'P(sup > δ)' },
          ],
        }),
      `Theorem 4.3: for every T and δ, P(sup_{t ≤ T} ‖z^γ(t) − z(t)‖ > δ) → 0 as γ → 0. ` +
        `${rows.length} steps γ measured so far (each with the same ${n} random streams).`,
    );
    const half = lg.map((v) => Math.log10(median) + 0.5 * (v - u));
    panels.set(
      2,
      (surface, narrow) =>
        drawLineChart(surface, {
          title: narrow ? 'Median sup-distance' : 'Median sup-distance against γ',
          subtitle: '25–75 % band · dashed: ∝ √γ through the chosen γ',
          xLabel: 'log10 γ',
          yLabel: 'log10 sup-distance',
          bands: [
            {
              x: lg,
              lower: rows.map((r) => Math.log10(r.q25)),
              upper: rows.map((r) => Math.log10(r.q75)),
              color: BLUE,
            },
          ],
          lines: [
            { x: lg, y: half, color: '#59636e', lineWidth: 1.5, dash: [4, 3], label: '∝ √γ' },
            { x: lg, y: rows.map((r) => Math.log10(r.q50)), color: BLUE, label: 'median' },
          ],
        }),
      `The fluctuations of ADAM around its ODE are diffusive: the sup-distance shrinks like √γ (slope 1/2 in log-log).`,
    );
    return rows;
  };
  let rows = drawSweep();
  const summary =
    `At γ = ${gamma}, P(sup_{t ≤ ${T}} ‖z^γ − z‖ > ${delta}) = ${now.p.toFixed(3)} ` +
    `[${now.lo.toFixed(3)}, ${now.hi.toFixed(3)}] over ${now.live} trajectories; median sup-distance ${median.toPrecision(3)}.`;
  status.done(summary);
  context.report('pAbove', String(now.p));
  context.report('median', String(median));

  // The rest of the sweep follows the first frame; a recompute (signal) cancels it.
  void (async () => {
    for (const g of GRID) {
      if (cache.has(keyOf(g))) continue;
      await get(g, `adding γ = ${g} to the sweep…`);
      rows = drawSweep();
    }
    status.done(summary);
    context.report('sweep', String(rows.length));
  })().catch((error: unknown) => {
    if (!signal.aborted) context.fail(error);
  });

  const data = (): FigureData => ({
    figure: 'weak-convergence',
    params: {
      gamma: String(gamma),
      delta: String(delta),
      n: String(n),
      T: String(T),
      seed,
      backend: context.backend.kind,
    },
    tables: {
      supDistances: {
        trajectory: Array.from(current.supSq, (_, i) => i),
        sup: Array.from(current.supSq, Math.sqrt),
      },
      sweep: {
        gamma: rows.map((r) => r.gamma),
        pAbove: rows.map((r) => r.p),
        lo95: rows.map((r) => r.lo),
        hi95: rows.map((r) => r.hi),
        q25: rows.map((r) => r.q25),
        median: rows.map((r) => r.q50),
        q75: rows.map((r) => r.q75),
      },
    },
  });
  return { ...stillHandle(life), data, svg: () => panels.svg(), summary: () => summary };
};

export const figure: FigureDefinition = { ...FIGURE_INFO['weak-convergence'], mount };
