import { formatFraction, fraction, type Fraction } from './ensembleProbes.ts';
import { lineChartSvg } from './figures.ts';
import { markdownTable } from './report.ts';
import type { ExperimentFigure } from './types.ts';

/**
 * Report of the decreasing-step experiment (src/experiments/decreasingStep.ts): the checks of
 * Theorem 5.2 on the measured curves, the Markdown tables and the figures.
 */

/** The parameters the report reads (a subset of the experiment's schema). */
export interface DecreasingStepSettings {
  problem: string[];
  trajectories: number;
  gamma0: number;
  kappa: number;
  a: number;
  b: number;
  epsilon: number;
  delta: number;
  x0: number | number[];
  spread: number;
}

/** One curve: decreasing steps, or one constant γ, on one problem. */
export interface Curve {
  problem: string;
  label: string;
  /** γ for a constant step; undefined for the schedule. */
  gamma: number | undefined;
  n: number[];
  /** Physical time Σ_{k≤n} γ_k. */
  t: number[];
  gammaN: number[];
  converged: Fraction[];
  rms: number[];
  /** RMS_n / sqrt(γ_n). */
  scaled: number[];
}

/** Max/min of RMS_n/sqrt(γ_n) over the last third of the probes (1 = perfectly stable). */
function spreadOfLastThird(values: number[]): { ratio: number; median: number } {
  const tail = values.slice(Math.floor((2 * values.length) / 3)).sort((x, y) => x - y);
  const ratio = (tail.at(-1) ?? NaN) / (tail[0] ?? NaN);
  return { ratio, median: tail[Math.floor(tail.length / 2)] ?? NaN };
}

const lastOf = <T>(values: T[]): T | undefined => values[values.length - 1];

/**
 * Per problem: the schedule reaches the critical set (Wilson lower bound > 0.9 at n_max), its
 * RMS/sqrt(γ_n) stabilises (max/min < 1.5 over the last third of the probes), every constant
 * step plateaus at RMS ≈ c·sqrt(γ) (same test: RMS does not go to 0), and the limits agree
 * within ×1.5 (the stationary law of constant-step ADAM is the CLT limit of the schedule).
 */
function checks(problem: string, curves: Curve[]) {
  const mine = curves.filter((c) => c.problem === problem);
  const schedule = mine.find((c) => c.gamma === undefined);
  const constant = mine.filter((c) => c.gamma !== undefined);
  const final = schedule ? lastOf(schedule.converged) : undefined;
  const stability = spreadOfLastThird(schedule?.scaled ?? []);
  const constantFinal = constant.map((c) => {
    const plateau = spreadOfLastThird(c.scaled);
    return {
      gamma: c.gamma,
      converged: lastOf(c.converged),
      rms: lastOf(c.rms),
      rmsOverSqrtGamma: plateau.median,
      plateauSpread: plateau.ratio,
    };
  });
  const limit = stability.median;
  return {
    problem,
    finalConverged: final,
    converged: (final?.low ?? 0) > 0.9,
    scaledFluctuationSpread: stability.ratio,
    scaledFluctuationLimit: limit,
    stable: stability.ratio < 1.5,
    constantPlateaus: constantFinal.every((c) => c.plateauSpread < 1.5),
    limitsAgree: constantFinal.every(
      (c) => Math.max(c.rmsOverSqrtGamma / limit, limit / c.rmsOverSqrtGamma) < 1.5,
    ),
    constantFinal,
  };
}

function verdictOf(all: ReturnType<typeof checks>[]): string {
  const bad = all.flatMap((c) => [
    ...(c.converged
      ? []
      : [
          `${c.problem}: converged fraction not > 0.9 (Wilson lower bound ${c.finalConverged?.low.toFixed(3)}` +
            `${fraction(c.finalConverged?.trials ?? 0, c.finalConverged?.trials ?? 0).low <= 0.9 ? '; too few trajectories: even all converged would not show it' : ''})`,
        ]),
    ...(c.stable
      ? []
      : [`${c.problem}: RMS/sqrt(γ_n) varies by ×${c.scaledFluctuationSpread.toFixed(2)}`]),
    ...(c.constantPlateaus ? [] : [`${c.problem}: a constant step has no RMS plateau`]),
    ...(c.limitsAgree ? [] : [`${c.problem}: RMS/sqrt(γ) limits differ by more than ×1.5`]),
  ]);
  return bad.length === 0
    ? 'consistent: with decreasing steps the converged fraction exceeds 0.9 (Wilson) and RMS/sqrt(γ_n) stabilises (×1.5) at the level c where constant steps plateau (RMS ≈ c·sqrt(γ), not → 0)'
    : `NOT consistent: ${bad.join('; ')}`;
}

function table(p: DecreasingStepSettings, problem: string, curves: Curve[]): string {
  const mine = curves.filter((c) => c.problem === problem);
  const [schedule, ...constant] = mine;
  if (!schedule) return '';
  const count = schedule.n.length;
  const rows = Array.from(
    new Set(Array.from({ length: 8 }, (_, j) => Math.round((j * (count - 1)) / 7))),
  );
  return markdownTable(
    [
      'n',
      't_n',
      'γ_n',
      `decreasing: P(dist < ${p.delta})`,
      'RMS/√γ_n',
      ...constant.flatMap((c) => [`γ = ${c.gamma}: P(dist < ${p.delta})`, 'RMS/√γ']),
    ],
    rows.map((j) => [
      schedule.n[j] ?? NaN,
      schedule.t[j] ?? NaN,
      schedule.gammaN[j] ?? NaN,
      formatFraction(schedule.converged[j] ?? fraction(0, 0)),
      schedule.scaled[j] ?? NaN,
      ...constant.flatMap((c) => [
        formatFraction(c.converged[j] ?? fraction(0, 0)),
        c.scaled[j] ?? NaN,
      ]),
    ]),
  );
}

export function report(
  p: DecreasingStepSettings,
  gammas: number[],
  curves: Curve[],
  diverged: Record<string, number[]>,
) {
  const all = p.problem.map((name) => checks(name, curves));
  const markdown = [
    `ADAM a = ${p.a}, b = ${p.b}, ε = ${p.epsilon}; decreasing γ_n = ${p.gamma0}·n^-${p.kappa}; constant γ ∈ {${gammas.join(', ')}}. ` +
      `${p.trajectories} trajectories per curve from x0 = ${JSON.stringify(p.x0)} + ${p.spread}·N(0, I). ` +
      'dist: distance to the critical set; RMS = sqrt(mean dist²) = RMS ‖x_n - x*‖ with x* the nearest critical point. 95 % Wilson intervals.',
    '',
    ...p.problem.flatMap((name) => {
      const c = all.find((x) => x.problem === name);
      return [
        `### ${name}`,
        '',
        table(p, name, curves),
        '',
        `RMS/√γ_n over the last third of the probes: median ${c?.scaledFluctuationLimit.toFixed(3)}, max/min ${c?.scaledFluctuationSpread.toFixed(3)}; ` +
          `constant steps, RMS/√γ over the same probes: ${c?.constantFinal.map((k) => `γ = ${k.gamma}: ${k.rmsOverSqrtGamma.toFixed(3)} (RMS ${k.rms?.toFixed(4)}, max/min ${k.plateauSpread.toFixed(3)})`).join(', ')}.`,
        '',
      ];
    }),
  ].join('\n');
  return {
    results: { curves, checks: all, diverged },
    markdown,
    verdict: verdictOf(all),
    figures: p.problem.flatMap((name) => figures(p, name, curves, all)),
  };
}

const SCHEDULE_COLOR = '#0072b2';
const CONSTANT_COLORS = ['#d55e00', '#e69f00', '#cc79a7', '#009e73', '#56b4e9', '#000000'];
const colorOf = (c: Curve, j: number) =>
  c.gamma === undefined ? SCHEDULE_COLOR : (CONSTANT_COLORS[j % CONSTANT_COLORS.length] ?? '#000');

function figures(
  p: DecreasingStepSettings,
  problem: string,
  curves: Curve[],
  all: ReturnType<typeof checks>[],
): ExperimentFigure[] {
  const mine = curves.filter((c) => c.problem === problem);
  const logN = (c: Curve) => c.n;
  const converged = lineChartSvg({
    title: `${problem}: fraction of ADAM trajectories within ${p.delta} of the critical set`,
    subtitle: `${p.trajectories} trajectories per curve; 95 % Wilson bands; a = ${p.a}, b = ${p.b}`,
    xLabel: 'n (log scale)',
    xScale: 'log',
    yLabel: `P(dist(x_n, crit) < ${p.delta})`,
    yDomain: [0, 1],
    bands: mine.map((c, j) => ({
      x: logN(c),
      lower: c.converged.map((f) => f.low),
      upper: c.converged.map((f) => f.high),
      color: colorOf(c, j - 1),
    })),
    lines: mine.map((c, j) => ({
      x: logN(c),
      y: c.converged.map((f) => f.fraction),
      label: c.label,
      color: colorOf(c, j - 1),
    })),
  });
  const limit = all.find((c) => c.problem === problem)?.scaledFluctuationLimit ?? NaN;
  const schedule = mine.find((c) => c.gamma === undefined);
  const fluctuations = lineChartSvg({
    title: `${problem}: fluctuations RMS ‖x_n - x*‖ (x*: nearest critical point)`,
    subtitle: `dashed: ${limit.toFixed(3)}·sqrt(γ_n) (limit of RMS/sqrt(γ_n) over the last third); constant steps stay at ≈ c·sqrt(γ)`,
    xLabel: 'n (log scale)',
    yLabel: 'RMS ‖x_n - x*‖ (log scale)',
    xScale: 'log',
    yScale: 'log',
    lines: [
      ...mine.map((c, j) => ({
        x: logN(c),
        y: c.rms,
        label: c.label,
        color: colorOf(c, j - 1),
      })),
      ...(schedule
        ? [
            {
              x: logN(schedule),
              y: schedule.gammaN.map((g) => limit * Math.sqrt(g)),
              label: 'c·sqrt(γ_n) (dashed)',
              color: '#000000',
              dash: [5, 4],
              lineWidth: 1.5,
            },
          ]
        : []),
    ],
  });
  return [
    {
      name: `converged-${problem}`,
      caption: `${problem}: fraction converged against n`,
      svg: converged,
    },
    {
      name: `fluctuations-${problem}`,
      caption: `${problem}: RMS fluctuations against n`,
      svg: fluctuations,
    },
  ];
}
