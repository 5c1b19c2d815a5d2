/**
 * Long-run figure (docs/math.md section 5, "long-run"): constant-step ADAM on the double well
 * for several γ, run to the same physical time T by the `ergodic` experiment's engine: the
 * Cesàro averages (1/n) Σ_{k ≤ n} P(d(x_k, crit) > δ) against t = nγ with 95 % intervals, and
 * the stationary spread RMS d(x_n, crit) against γ with the slope-1/2 line. Parameters:
 * gammas, delta, sigma, n, T, seed.
 */
import { ergodicExperiment, type CesaroCurve, type ErgodicRow } from '../../experiments/ergodic.ts';
import { drawLineChart, type BandSeries, type LineSeries } from '../../plot/lineChart.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { lifetime, stillHandle } from './layout.ts';
import { cpuCap } from './params.ts';
import { Panels, statusLine, throwIfAborted, yieldToPage } from './theory/panels.ts';
import type { FigureData, FigureDefinition } from './types.ts';

/** Trajectories per γ on the cpu backend. */
const CPU_MAX = 64;
const COLORS = ['#d55e00', '#e69f00', '#009e73', '#0072b2', '#cc79a7'];
/** Read-out times of the Cesàro averages (log-spaced in n). */
const PROBES = 24;

const log10 = (values: ArrayLike<number>) => Array.from(values, Math.log10);

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const read = readFigureParameters('long-run', raw).values;
  let gammas = read.gammas.map(Number).sort((x, y) => y - x);
  if (gammas.length < 2) {
    context.notice('long-run compares at least two steps γ: showing all five', 'warning');
    gammas = [0.2, 0.1, 0.05, 0.02, 0.01];
  }
  const n = cpuCap(context, read.n, CPU_MAX, 'trajectories per γ');
  const { delta, sigma, T, seed } = read;
  const status = statusLine(host);
  const panels = new Panels(host, ['figure-cesaro', 'figure-spread'], signal);
  const params = ergodicExperiment.schema.parse({
    problem: 'double-well',
    sigma,
    trajectories: n,
    gammas,
    T,
    delta,
    seed,
    probes: PROBES,
  });
  status.progress(0, `running ${n} trajectories per γ to t = ${T}…`);
  await yieldToPage();
  const warnings: string[] = [];
  const outcome = await ergodicExperiment.run(params, {
    backend: context.backend,
    progress(fraction) {
      throwIfAborted(signal);
      status.progress(fraction, `running ${n} trajectories per γ to t = ${T}…`);
      context.report('progress', fraction.toFixed(3));
    },
    warn: (message) => warnings.push(message),
  });
  throwIfAborted(signal);
  const rows = outcome.results['perGamma'] as ErgodicRow[];
  const curves = outcome.results['curves'] as CesaroCurve[];
  const slope = outcome.results['spreadSlope'] as { value: number; lo: number; hi: number };
  for (const warning of warnings) context.notice(warning, 'info');
  const color = (i: number) => COLORS[i % COLORS.length] ?? '#000000';

  panels.set(
    0,
    (surface, narrow) => {
      const bands: BandSeries[] = curves.map((c, i) => ({
        x: log10(c.t),
        lower: c.lo,
        upper: c.hi,
        color: color(i),
      }));
      const lines: LineSeries[] = curves.map((c, i) => ({
        x: log10(c.t),
        y: c.value,
        color: color(i),
        label: `γ = ${c.gamma}`,
      }));
      drawLineChart(surface, {
        title: narrow ? 'Cesàro averages' : `Cesàro averages of P(d(x_k, crit) > ${delta})`,
        subtitle: narrow
          ? `${n} per γ · 95 % bands`
          : `double well, σ = ${sigma}, x0 = (2, 1) · ${n} trajectories per γ · 95 % bands`,
        xLabel: 'log10 t  (t = nγ)',
        yLabel: '(1/n) Σ P(d > δ)',
        yDomain: [0, 1],
        bands,
        lines,
      });
    },
    `(1/n) Σ_{k ≤ n} P(d(x_k, crit) > ${delta}) against the physical time t = nγ, one curve per γ, ` +
      `with 95 % intervals over the ${n} trajectories. The theorem: the limit of these averages vanishes as γ → 0.`,
  );

  const lg = log10(rows.map((r) => r.gamma));
  const first = rows[0];
  const half = first
    ? lg.map((u) => Math.log10(first.rms) + 0.5 * (u - Math.log10(first.gamma)))
    : [];
  panels.set(
    1,
    (surface, narrow) =>
      drawLineChart(surface, {
        title: narrow ? 'Stationary spread' : 'Stationary spread: RMS d(x_n, crit) at t = T',
        subtitle: `slope ${slope.value.toFixed(2)} [${slope.lo.toFixed(2)}, ${slope.hi.toFixed(2)}] · dashed: slope 1/2`,
        xLabel: 'log10 γ',
        yLabel: 'log10 RMS d(x_n)',
        lines: [
          { x: lg, y: log10(rows.map((r) => r.rms)), color: '#0072b2', label: 'RMS d(x_n)' },
          { x: lg, y: half, color: '#59636e', dash: [4, 3], lineWidth: 1.5, label: '∝ √γ' },
        ],
      }),
    `Root mean square distance to the nearest critical point at t = T against γ (log-log); ` +
      `constant-step theory predicts ∝ √γ (slope 1/2). Fitted slope ${slope.value.toFixed(3)} [${slope.lo.toFixed(3)}, ${slope.hi.toFixed(3)}].`,
  );

  const smallest = rows.reduce((a, r) => (r.gamma < a.gamma ? r : a));
  const largest = rows.reduce((a, r) => (r.gamma > a.gamma ? r : a));
  const summary =
    `Cesàro average of P(d > ${delta}) at t = ${T}: ${largest.cesaro.value.toFixed(3)} at γ = ${largest.gamma}, ` +
    `${smallest.cesaro.value.toFixed(3)} at γ = ${smallest.gamma}; stationary spread ∝ γ^${slope.value.toFixed(2)} (theory 1/2).`;
  status.done(summary);
  context.report('cesaroSmallest', String(smallest.cesaro.value));
  context.report('spreadSlope', String(slope.value));
  context.report('progress', '1');

  const data = (): FigureData => ({
    figure: 'long-run',
    params: {
      gammas: gammas.join(','),
      delta: String(delta),
      sigma: String(sigma),
      n: String(n),
      T: String(T),
      seed,
      backend: context.backend.kind,
    },
    tables: {
      cesaro: {
        gamma: curves.flatMap((c) => c.t.map(() => c.gamma)),
        n: curves.flatMap((c) => c.n),
        t: curves.flatMap((c) => c.t),
        average: curves.flatMap((c) => c.value),
        lo95: curves.flatMap((c) => c.lo),
        hi95: curves.flatMap((c) => c.hi),
      },
      perGamma: {
        gamma: rows.map((r) => r.gamma),
        steps: rows.map((r) => r.steps),
        cesaro: rows.map((r) => r.cesaro.value),
        lastStepAbove: rows.map((r) => r.lastStep.p),
        rms: rows.map((r) => r.rms),
        diverged: rows.map((r) => r.diverged),
      },
    },
  });
  return { ...stillHandle(life), data, svg: () => panels.svg(), summary: () => summary };
};

export const figure: FigureDefinition = { ...FIGURE_INFO['long-run'], mount };
