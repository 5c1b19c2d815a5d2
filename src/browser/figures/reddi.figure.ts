/**
 * Reddi's example (Reddi, Kale & Kumar 2018; docs/math.md section 6 item 8): on [−1, 1],
 * f = Cx with probability p = 2/(C + 1), else −x, so ∇F = 1 and the minimiser is −1. ADAM with
 * a fixed β₂ = 1/(1 + C²) (β₁ = 0, no debiasing) drifts to +1, AMSGrad and ADAM in the paper's
 * scaling α = 1 − aγ, β = 1 − bγ go to −1. The computation is the `reddi` experiment
 * (src/experiments/reddi.ts) at one γ; the figure draws x_n over t = nγ and the fraction of
 * trajectories near −1.
 */
import type { ReddiResults } from '../../experiments/reddi.ts';
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
/** "Near ±1": within DELTA (the experiment's default). */
const DELTA = 0.1;
const TIME_POINTS = 21;

const STYLE = {
  'adam-fixed-beta2': { label: 'ADAM, fixed β₂', color: '#d55e00' },
  amsgrad: { label: 'AMSGrad', color: '#009e73' },
  'adam-paper-scaling': { label: 'ADAM, paper scaling', color: '#0072b2' },
} as const;
type Method = keyof typeof STYLE;
type Group = ReddiResults['groups'][number];

const styleOf = (method: string) => STYLE[method as Method];

function positionChart(results: ReddiResults, T: number, x0: number) {
  const drift = results.theory.odeDrift;
  const odeT = Array.from({ length: 101 }, (_, j) => (j * T) / 100);
  return (surface: DrawingSurface, narrow: boolean) =>
    drawLineChart(surface, {
      title: narrow ? 'x_n against t' : 'x_n against t = nγ (minimiser −1)',
      subtitle: narrow ? 'mean, 5–95 %' : 'mean (lines) and 5–95 % of the trajectories (bands)',
      xLabel: 't = nγ',
      yLabel: 'x_n',
      xDomain: [0, T],
      yDomain: [-1.05, 1.05],
      bands: results.groups.map((g) => ({
        x: g.t,
        lower: g.q05,
        upper: g.q95,
        color: styleOf(g.method).color,
        opacity: 0.15,
      })),
      lines: [
        ...results.groups.map((g) => ({
          x: g.t,
          y: g.mean,
          label: styleOf(g.method).label,
          color: styleOf(g.method).color,
        })),
        {
          x: odeT,
          y: odeT.map((t) => Math.max(-1, x0 + drift * t)),
          label: narrow ? 'ODE' : 'ODE ẋ = −∇F/(ε + √S)',
          color: '#000000',
          dash: [5, 4],
          lineWidth: 1.5,
        },
      ],
    });
}

function fractionChart(results: ReddiResults, T: number) {
  return (surface: DrawingSurface, narrow: boolean) =>
    drawLineChart(surface, {
      title: narrow ? `P(x_n < −1 + ${DELTA})` : `Fraction of trajectories within ${DELTA} of −1`,
      subtitle: '95 % Wilson bands',
      xLabel: 't = nγ',
      yLabel: 'fraction near −1',
      xDomain: [0, T],
      yDomain: [0, 1],
      bands: results.groups.map((g) => ({
        x: g.t,
        lower: g.nearMinus.map((f) => f.low),
        upper: g.nearMinus.map((f) => f.high),
        color: styleOf(g.method).color,
        opacity: 0.15,
      })),
      lines: results.groups.map((g) => ({
        x: g.t,
        y: g.nearMinus.map((f) => f.fraction),
        label: styleOf(g.method).label,
        color: styleOf(g.method).color,
      })),
    });
}

const percent = (f: number) => `${(100 * f).toFixed(1)} %`;

function finalText(g: Group): string {
  return `${styleOf(g.method).label}: mean x_T = ${g.final.mean.toFixed(3)}, ${percent(g.final.minus.fraction)} near −1, ${percent(g.final.plus.fraction)} near +1`;
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const read = readFigureParameters('reddi', raw).values;
  const n = cpuCap(context, read.n, CPU_MAX, 'trajectories per optimizer');
  const { C, gamma, a, b, x0, T } = read;
  const params = {
    trajectories: n,
    gammas: [gamma],
    T,
    reddiC: C,
    reddiDelta: 1,
    a,
    b,
    x0,
    delta: DELTA,
    seed: cliSeed(read.seed),
    timePoints: TIME_POINTS,
  };
  const outcome = await runInFigure(host, experiment('reddi'), params, context, signal);
  const results = outcome.results as ReddiResults;
  const panels = new ChartPanels(
    host,
    ['reddi-position', 'reddi-fraction'],
    [positionChart(results, T, x0), fractionChart(results, T)],
    signal,
  );
  const th = results.theory;
  panels.caption(
    0,
    `C = ${C}: p = ${th.probability.toFixed(4)}, ∇F = 1 > 0, minimiser −1; fixed β₂ = 1/(1 + C²) = ${(1 / (1 + C * C)).toExponential(2)}; ` +
      `paper scaling a = ${a}, b = ${b}; γ = ${gamma}, ${n} trajectories per optimizer from x0 = ${x0}. ` +
      `Dashed: the ODE of the paper-scaled ADAM, ẋ = −1/√S = ${th.odeDrift.toFixed(3)}.`,
  );
  panels.caption(1, `At t = T = ${T}: ${results.groups.map(finalText).join('; ')}.`);
  panels.redraw();
  const byMethod = (m: Method) => results.groups.find((g) => g.method === m);
  const fixed = byMethod('adam-fixed-beta2');
  const amsgrad = byMethod('amsgrad');
  const paper = byMethod('adam-paper-scaling');
  context.report('fixedPlus', (fixed?.final.plus.fraction ?? NaN).toFixed(6));
  context.report('amsgradMinus', (amsgrad?.final.minus.fraction ?? NaN).toFixed(6));
  context.report('paperMinus', (paper?.final.minus.fraction ?? NaN).toFixed(6));
  context.report('paperMean', (paper?.final.mean ?? NaN).toFixed(6));
  const data = (): FigureData => {
    const rows = results.groups.flatMap((g) => g.t.map((t, j) => ({ g, t, j })));
    return {
      figure: 'reddi',
      params: Object.fromEntries(
        Object.entries({ ...read, n }).map(([key, value]) => [key, String(value)]),
      ),
      tables: {
        series: {
          optimizer: rows.map((r) => r.g.method),
          t: rows.map((r) => r.t),
          mean: rows.map((r) => r.g.mean[r.j] ?? NaN),
          q05: rows.map((r) => r.g.q05[r.j] ?? NaN),
          q95: rows.map((r) => r.g.q95[r.j] ?? NaN),
          nearMinus: rows.map((r) => r.g.nearMinus[r.j]?.fraction ?? NaN),
          nearPlus: rows.map((r) => r.g.nearPlus[r.j]?.fraction ?? NaN),
        },
      },
    };
  };
  return {
    ...stillHandle(life),
    data,
    svg: () => panels.svg(),
    summary: () =>
      `Reddi's problem (C = ${C}, minimiser −1), γ = ${gamma}, ${n} trajectories each, at t = ${T}: ` +
      `${results.groups.map(finalText).join('; ')}.`,
  };
};

export const figure: FigureDefinition = { ...FIGURE_INFO.reddi, mount };
