import { z } from 'zod';
import type { OptimizerSpec } from '../optimizers/index.ts';
import {
  checkScaledWeights,
  commonFields,
  empiricalQuantile,
  formatFraction,
  fraction,
  probeEnsemble,
  type Fraction,
} from './ensembleProbes.ts';
import { lineChartSvg } from './figures.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentFigure } from './types.ts';
import { rngOf } from './rng.ts';

/**
 * The Reddi, Kale & Kumar (ICLR 2018) counterexample (docs/math.md section 6 item 8): on [-1, 1],
 * f = C x with probability p = (1 + δ)/(C + 1), else -x, so ∇F = δ > 0 and the minimiser is
 * x = -1. Three optimizers, each for a sweep of γ (one dispatch, hyperGrid):
 * - ADAM with fixed β2 (β1 = 0, β2 = 1/(1 + C²), no debiasing, Reddi's Theorem 3): its step is
 *   ≈ γ·g/|g|, mean drift ≈ +γ(1 - 2p) > 0, the wrong way, whatever γ;
 * - AMSGrad with the same (β1, β2): max_k v_k ≈ C² makes the mean step -γδ/C, the right way;
 * - ADAM in the paper's scaling α = 1 - aγ, β = 1 - bγ (debiased): the ODE (docs/math.md section 3)
 *   with constant ∇F = δ and S = C²p + 1 - p gives ẋ = -δ/(ε + √S) exactly.
 */

const schema = z
  .object({
    ...commonFields,
    /** Trajectories per (optimizer, γ) group. */
    trajectories: commonFields.trajectories.default(1024),
    gammas: z.array(z.number().positive().max(1)).min(1).max(16).default([0.05, 0.01]),
    /** Physical time horizon t = nγ. */
    T: z.number().positive().default(20),
    /** "Near ±1" means |x ∓ 1| < delta. */
    delta: z.number().positive().max(1).default(0.1),
    reddiC: z.number().gt(2).default(10),
    reddiDelta: z.number().positive().default(1),
    /** Paper scaling of the third optimizer: α = 1 - aγ, β = 1 - bγ (b ≤ 4a). */
    a: z.number().positive().default(10),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    x0: z.number().min(-1).max(1).default(0),
    /** Probes (position read-backs) per group, evenly spaced in t from 0 to T. */
    timePoints: z.number().int().min(2).max(2001).default(41),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!(p.reddiDelta < p.reddiC))
      ctx.addIssue({ code: 'custom', path: ['reddiDelta'], message: `must be < reddiC` });
    checkScaledWeights(ctx, p, p.gammas);
    if (p.T / Math.min(...p.gammas) > 5e6)
      ctx.addIssue({ code: 'custom', path: ['T'], message: 'T/min(gammas) must be ≤ 5e6 steps' });
  });

type Params = z.infer<typeof schema>;

/** Per (optimizer, γ): x over time and where it ends. */
interface GroupSeries {
  method: string;
  gamma: number;
  t: number[];
  mean: number[];
  q05: number[];
  q95: number[];
  nearMinus: Fraction[];
  nearPlus: Fraction[];
}

const METHODS = ['adam-fixed-beta2', 'amsgrad', 'adam-paper-scaling'] as const;
type Method = (typeof METHODS)[number];

function optimizerFor(method: Method, p: Params): OptimizerSpec {
  const beta = 1 / (1 + p.reddiC ** 2);
  const gamma = p.gammas[0] ?? 0.01;
  if (method === 'adam-fixed-beta2')
    return { name: 'adam-nodebias', gamma, alpha: 0, beta, epsilon: p.epsilon };
  if (method === 'amsgrad') return { name: 'amsgrad', gamma, alpha: 0, beta, epsilon: p.epsilon };
  return { name: 'adam', gamma, a: p.a, b: p.b, epsilon: p.epsilon };
}

/** The step of each group's j-th probe, t_j = jT/(J - 1). */
function groupSteps(p: Params): number[][] {
  return p.gammas.map((g) =>
    Array.from({ length: p.timePoints }, (_, j) => Math.round((j * p.T) / (p.timePoints - 1) / g)),
  );
}

function series(method: Method, gamma: number): GroupSeries {
  return { method, gamma, t: [], mean: [], q05: [], q95: [], nearMinus: [], nearPlus: [] };
}

/** Derived constants: p, S, the ODE drift of scaled ADAM and AMSGrad's mean step per unit t. */
function theory(p: Params) {
  const probability = (1 + p.reddiDelta) / (p.reddiC + 1);
  const S = p.reddiC ** 2 * probability + (1 - probability);
  return {
    probability,
    secondMoment: S,
    odeDrift: -p.reddiDelta / (p.epsilon + Math.sqrt(S)),
    amsgradDrift: -p.reddiDelta / p.reddiC,
  };
}

export const reddiExperiment: Experiment<typeof schema> = {
  name: 'reddi',
  title: 'Reddi counterexample: fixed β2 vs AMSGrad vs the paper scaling',
  claim: 'Section 6 (Reddi et al. 2018)',
  summary:
    'On the stochastic Reddi problem (minimiser x = -1), ADAM with fixed β1 = 0, β2 = 1/(1 + C²) drifts to +1 for every γ, ' +
    'AMSGrad goes to -1, and ADAM in the paper scaling α = 1 - aγ, β = 1 - bγ follows the ODE ẋ = -∇F/(ε + √S) to -1. ' +
    'Measured: the fraction of trajectories within delta of -1 and of +1 at t = T (95 % Wilson intervals) and x_n over t = nγ.',
  schema,
  flags: {
    trajectories: 'number',
    gammas: 'numbers',
    T: 'number',
    delta: 'number',
    'reddi-c': 'number',
    'reddi-delta': 'number',
    a: 'number',
    b: 'number',
    epsilon: 'number',
    x0: 'number',
    'time-points': 'number',
  },
  async run(p, context) {
    const G = p.gammas.length;
    const steps = groupSteps(p);
    const probeSteps = [...new Set(steps.flat())].sort((x, y) => x - y);
    const all: GroupSeries[] = [];
    const diverged: Record<string, number[]> = {};
    for (const [k, method] of METHODS.entries()) {
      const groups = p.gammas.map((g) => series(method, g));
      const run = await probeEnsemble(
        {
          problem: { name: 'reddi', bigC: p.reddiC, delta: p.reddiDelta },
          optimizer: optimizerFor(method, p),
          hyperGrid: p.gammas.map((gamma) => ({ gamma })),
          trajectories: p.trajectories * G,
          seed: p.seed,
          ...rngOf(context),
          x0: p.x0,
          stepsPerDispatch: 256,
        },
        context.backend,
        probeSteps,
        ({ step, positions }) => {
          groups.forEach((s, g) => {
            if (!steps[g]?.includes(step)) return;
            const x = Array.from(
              positions.x.subarray(g * p.trajectories, (g + 1) * p.trajectories),
            );
            s.t.push(step * s.gamma);
            s.mean.push(x.reduce((sum, v) => sum + v, 0) / x.length);
            s.q05.push(empiricalQuantile(x, 0.05));
            s.q95.push(empiricalQuantile(x, 0.95));
            s.nearMinus.push(fraction(x.filter((v) => v < -1 + p.delta).length, x.length));
            s.nearPlus.push(fraction(x.filter((v) => v > 1 - p.delta).length, x.length));
          });
        },
        { progress: (f) => context.progress((k + f) / METHODS.length) },
      );
      run.warnings.forEach((w) => context.warn(`${method}: ${w}`));
      diverged[method] = run.diverged;
      if (run.diverged.some((d) => d > 0))
        context.warn(`${method}: diverged trajectories per γ: ${run.diverged.join(', ')}`);
      all.push(...groups);
    }
    return report(p, all, diverged);
  },
};

function finalOf(s: GroupSeries) {
  const last = s.t.length - 1;
  return {
    minus: s.nearMinus[last] ?? fraction(0, 0),
    plus: s.nearPlus[last] ?? fraction(0, 0),
    mean: s.mean[last] ?? NaN,
  };
}

/** The claim: fixed-β2 ADAM mostly at +1, the other two mostly at -1 (Wilson bounds > ½). */
function verdictOf(all: GroupSeries[]): string {
  const failures = all.filter((s) => {
    const f = finalOf(s);
    return s.method === 'adam-fixed-beta2' ? !(f.plus.low > 0.5) : !(f.minus.low > 0.5);
  });
  if (failures.length === 0)
    return 'consistent: fixed-β2 ADAM ends near +1 (wrong way) for every γ; AMSGrad and paper-scaled ADAM end near -1 (Wilson lower bounds > 0.5)';
  return `NOT consistent for ${failures.map((s) => `${s.method} at γ = ${s.gamma}`).join(', ')} (see the table)`;
}

/** The `results` of a reddi outcome (what the gallery figure draws). */
export type ReddiResults = ReturnType<typeof report>['results'];

function report(p: Params, all: GroupSeries[], diverged: Record<string, number[]>) {
  const th = theory(p);
  const rows = all.map((s) => {
    const f = finalOf(s);
    return [
      s.method,
      s.gamma,
      Math.round(p.T / s.gamma),
      formatFraction(f.minus),
      formatFraction(f.plus),
      f.mean,
    ];
  });
  const markdown = [
    `C = ${p.reddiC}, δ = ${p.reddiDelta}: p = ${th.probability.toFixed(4)}, ∇F = ${p.reddiDelta}, S = ${th.secondMoment.toFixed(3)}; ` +
      `fixed β2 = 1/(1 + C²) = ${(1 / (1 + p.reddiC ** 2)).toExponential(3)}; paper scaling a = ${p.a}, b = ${p.b}. ` +
      `${p.trajectories} trajectories per row, x0 = ${p.x0}, T = ${p.T}.`,
    '',
    markdownTable(
      [
        'optimizer',
        'γ',
        'steps',
        `P(x_T < -1 + ${p.delta})`,
        `P(x_T > 1 - ${p.delta})`,
        'mean x_T',
      ],
      rows,
    ),
    '',
    `ODE drift of paper-scaled ADAM: ẋ = -δ/(ε + √S) = ${th.odeDrift.toFixed(4)} (reaches -1 at t = ${((p.x0 + 1) / -th.odeDrift).toFixed(2)}); ` +
      `AMSGrad's mean step per unit t ≈ -δ/C = ${th.amsgradDrift.toFixed(4)} once max v ≈ C². Intervals: 95 % Wilson.`,
  ].join('\n');
  const results = {
    theory: th,
    groups: all.map((s) => ({ ...s, final: finalOf(s) })),
    diverged,
  };
  return { results, markdown, verdict: verdictOf(all), figures: figures(p, all, th.odeDrift) };
}

const COLORS: Record<Method, string> = {
  'adam-fixed-beta2': '#d55e00',
  amsgrad: '#009e73',
  'adam-paper-scaling': '#0072b2',
};

function figures(p: Params, all: GroupSeries[], odeDrift: number): ExperimentFigure[] {
  const gamma = Math.min(...p.gammas);
  const shown = all.filter((s) => s.gamma === gamma);
  const odeT = Array.from({ length: 101 }, (_, j) => (j * p.T) / 100);
  const mean = lineChartSvg({
    title: `Reddi problem (C = ${p.reddiC}, δ = ${p.reddiDelta}): x_n against t = nγ, γ = ${gamma}`,
    subtitle: `mean (lines) and 5–95 % quantiles (bands) of ${p.trajectories} trajectories; minimiser x = -1`,
    xLabel: 't = nγ',
    yLabel: 'x_n',
    yDomain: [-1.05, 1.05],
    bands: shown.map((s) => ({
      x: s.t,
      lower: s.q05,
      upper: s.q95,
      color: COLORS[s.method as Method],
    })),
    lines: [
      ...shown.map((s) => ({
        x: s.t,
        y: s.mean,
        label: s.method,
        color: COLORS[s.method as Method],
      })),
      {
        x: odeT,
        y: odeT.map((t) => Math.max(-1, p.x0 + odeDrift * t)),
        label: 'ODE: ẋ = -∇F/(ε + √S)',
        color: '#000000',
        dash: [5, 4],
        lineWidth: 1.5,
      },
    ],
  });
  const fractions = lineChartSvg({
    title: `Fraction of trajectories within ${p.delta} of the minimiser x = -1`,
    subtitle: `95 % Wilson bands; solid γ = ${gamma}${p.gammas.length > 1 ? ', dashed: other γ' : ''}`,
    xLabel: 't = nγ',
    yLabel: `P(x_n < -1 + ${p.delta})`,
    yDomain: [0, 1],
    bands: shown.map((s) => ({
      x: s.t,
      lower: s.nearMinus.map((f) => f.low),
      upper: s.nearMinus.map((f) => f.high),
      color: COLORS[s.method as Method],
    })),
    lines: all.map((s) => ({
      x: s.t,
      y: s.nearMinus.map((f) => f.fraction),
      ...(s.gamma === gamma ? { label: s.method } : { dash: [4, 3], lineWidth: 1 }),
      color: COLORS[s.method as Method],
    })),
  });
  return [
    { name: 'mean-position', caption: 'x_n over t = nγ for the three optimizers', svg: mean },
    { name: 'fraction-at-minimum', caption: 'Fraction of trajectories near -1', svg: fractions },
  ];
}
