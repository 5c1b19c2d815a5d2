import { z } from 'zod';
import { PROBLEM_FLAGS, problemFields, problemSpec } from '../problems/flags.ts';
import { createObservedEnsemble } from '../ensemble/observedEnsemble.ts';
import { wilsonInterval } from '../stats/wilson.ts';
import { commonFields, logSpacedSteps } from './ensembleProbes.ts';
import { checkListLengths } from './odeCommon.ts';
import { lineChartSvg } from './figures.ts';
import { formatInterval, logLogSlope, requireSingleTile, type Slope } from './observedCommon.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentFigure } from './types.ts';
import { rngOf } from './rng.ts';

/**
 * The long-run theorem (docs/math.md section 5): lim_{γ→0} limsup_n (1/n) Σ_{k ≤ n}
 * P(d(x_k^γ, ∇F⁻¹(0)) > δ) = 0. For a sweep of γ (one dispatch, hyperparameter groups),
 * the exceedance observer (shaders/observers/exceedance.wgsl) counts per trajectory the steps
 * k ≤ n with d(x_k, critical set) > δ; the Cesàro average at n is the mean over trajectories
 * of count/n, with a normal (CLT) 95 % interval from the spread of count/n across the N
 * independent trajectories: mean ± 1.96·sd/sqrt(N). Each γ runs to the same physical time T
 * (n = round(T/γ) steps), so the transient weighs the same for every γ. At the end, the
 * fraction with d(x_n) > δ (Wilson interval) and the stationary spread RMS_γ = sqrt(mean d²)
 * (RMS distance to the nearest critical point: the std around x* within each well) are
 * reported; constant-step theory predicts RMS ∝ sqrt(γ) (slope 1/2 in log-log).
 */

const schema = z
  .object({
    ...commonFields,
    ...problemFields,
    problem: problemFields.problem.default('double-well'),
    sigma: z.number().positive().default(0.5),
    /** Trajectories per γ. */
    trajectories: commonFields.trajectories.default(2048),
    gammas: z
      .array(z.number().positive().max(0.5))
      .min(2)
      .max(16)
      .default([0.2, 0.1, 0.05, 0.02, 0.01, 0.005]),
    /** Physical time horizon: group γ runs round(T/γ) steps. */
    T: z.number().positive().default(50),
    a: z.number().positive().default(2),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    x0: z.array(z.number()).min(1).default([2, 1]),
    /** Threshold of the indicator d(x_k, critical set) > δ. */
    delta: z.number().positive().default(0.1),
    /** Times at which the Cesàro averages are read (log-spaced in n). */
    probes: z.number().int().min(2).max(200).default(30),
    stepsPerDispatch: z.number().int().min(1).max(4096).default(64),
  })
  .strict()
  .superRefine((p, ctx) => {
    const worst = Math.max(...p.gammas);
    if (p.a * worst > 1 || p.b * worst > 1)
      ctx.addIssue({ code: 'custom', path: ['a'], message: 'a·γ and b·γ must be ≤ 1 for every γ' });
    if (p.b > 4 * p.a)
      ctx.addIssue({ code: 'custom', path: ['b'], message: 'Assumption 2.5 needs b ≤ 4a' });
    if (p.T / Math.min(...p.gammas) > 2 ** 24)
      ctx.addIssue({ code: 'custom', path: ['T'], message: 'T/min(gammas) must be ≤ 2^24 steps' });
    checkListLengths(ctx, p, [p.problem], ['x0']);
  });

type Params = z.infer<typeof schema>;

/** Cesàro averages of one γ as n grows. */
export interface CesaroCurve {
  gamma: number;
  n: number[];
  t: number[];
  value: number[];
  lo: number[];
  hi: number[];
}

export interface ErgodicRow {
  gamma: number;
  steps: number;
  /** (1/n) Σ_{k ≤ n} P(d(x_k) > δ) at n = steps, with its CLT 95 % interval. */
  cesaro: { value: number; lo: number; hi: number };
  /** P(d(x_n) > δ) at the last step, with its 95 % Wilson interval. */
  lastStep: { p: number; lo: number; hi: number };
  /** sqrt(mean d(x_n)²) at the last step. */
  rms: number;
  diverged: number;
}

export const ergodicExperiment: Experiment<typeof schema> = {
  name: 'ergodic',
  title: 'Long-run behaviour of constant-step ADAM: Cesàro averages',
  claim: 'Long-run theorem',
  summary:
    'For each γ, N ADAM trajectories (α = 1 - aγ, β = 1 - bγ) run to the physical time T; the exceedance observer counts ' +
    'per trajectory the steps k ≤ n with d(x_k, critical set) > δ, giving the Cesàro averages (1/n) Σ_{k ≤ n} P(d(x_k) > δ) ' +
    'as n grows. The theorem predicts that their limsup vanishes as γ → 0; the stationary spread around the critical point ' +
    'scales like sqrt(γ).',
  schema,
  flags: {
    trajectories: 'number',
    gammas: 'numbers',
    T: 'number',
    a: 'number',
    b: 'number',
    epsilon: 'number',
    x0: 'numbers',
    delta: 'number',
    probes: 'number',
    'steps-per-dispatch': 'number',
    ...PROBLEM_FLAGS,
  },
  async run(p, context) {
    const spec = problemSpec(p);
    requireSingleTile(spec);
    const N = p.trajectories;
    const lastSteps = p.gammas.map((g) => Math.max(1, Math.round(p.T / g)));
    const total = Math.max(...lastSteps);
    const probeSteps = [
      ...new Set([...logSpacedSteps(Math.min(10, total), total, p.probes), ...lastSteps]),
    ].sort((x, y) => x - y);
    const ensemble = await createObservedEnsemble(
      {
        problem: spec,
        optimizer: { name: 'adam', gamma: p.gammas[0] ?? 0.01, a: p.a, b: p.b, epsilon: p.epsilon },
        hyperGrid: p.gammas.map((gamma) => ({ gamma })),
        trajectories: N * p.gammas.length,
        seed: p.seed,
        ...rngOf(context),
        x0: p.x0,
        stepsPerDispatch: p.stepsPerDispatch,
      },
      { kind: 'exceedance', lastSteps, deltas: p.gammas.map(() => p.delta) },
      context.backend,
    );
    try {
      ensemble.resolved.warnings.forEach((w) => context.warn(w));
      const curves: CesaroCurve[] = p.gammas.map((gamma) => ({
        gamma,
        n: [],
        t: [],
        value: [],
        lo: [],
        hi: [],
      }));
      for (const step of probeSteps) {
        await ensemble.advance(step - ensemble.step);
        const counts = await ensemble.summarizeLane(0, { quantiles: [] });
        curves.forEach((curve, g) => {
          const n = Math.min(step, lastSteps[g] ?? 0);
          const s = counts[g];
          if (!s || curve.n.at(-1) === n) return;
          const mean = s.mean / n;
          const half = (1.96 * Math.sqrt(Math.max(0, s.sampleVariance))) / n / Math.sqrt(s.count);
          curve.n.push(n);
          curve.t.push(n * curve.gamma);
          curve.value.push(mean);
          curve.lo.push(Math.max(0, mean - half));
          curve.hi.push(Math.min(1, mean + half));
        });
        context.progress(step / total, 'stepping');
      }
      const [indicator, distanceSq] = await Promise.all([
        ensemble.summarizeLane(2, { quantiles: [] }),
        ensemble.summarizeLane(3, { quantiles: [] }),
      ]);
      const diverged = await ensemble.divergedPerGroup();
      if (diverged.some((d) => d > 0))
        context.warn(`diverged trajectories per γ: ${diverged.join(', ')} (excluded)`);
      const rows = p.gammas.map((gamma, g): ErgodicRow => {
        const curve = curves[g];
        const last = (a: number[] | undefined) => a?.at(-1) ?? NaN;
        const ind = indicator[g];
        const live = ind?.count ?? 0;
        const above = Math.round((ind?.mean ?? 0) * live);
        const w = wilsonInterval(above, live, 0.95);
        return {
          gamma,
          steps: lastSteps[g] ?? 0,
          cesaro: { value: last(curve?.value), lo: last(curve?.lo), hi: last(curve?.hi) },
          lastStep: { p: live ? above / live : NaN, lo: w.low, hi: w.high },
          rms: Math.sqrt(distanceSq[g]?.mean ?? NaN),
          diverged: diverged[g] ?? 0,
        };
      });
      return report(p, rows, curves);
    } finally {
      ensemble.destroy();
    }
  },
};

function verdictOf(rows: ErgodicRow[], spread: Slope): string {
  const large = rows.reduce((a, r) => (r.gamma > a.gamma ? r : a));
  const small = rows.reduce((a, r) => (r.gamma < a.gamma ? r : a));
  const separated = small.cesaro.hi < large.cesaro.lo;
  return (
    `${separated ? 'agrees with the long-run theorem' : 'does NOT clearly show the long-run theorem'}: ` +
    `Cesàro average of P(d(x_k, crit) > δ) at t = T is ${large.cesaro.value.toFixed(3)} at γ = ${large.gamma} vs ` +
    `${small.cesaro.value.toFixed(3)} at γ = ${small.gamma}${separated ? ' (95 % intervals disjoint)' : ' (intervals overlap)'}; ` +
    `stationary spread ∝ γ^${spread.value.toFixed(3)} [${spread.lo.toFixed(3)}, ${spread.hi.toFixed(3)}] (theory 1/2)`
  );
}

function report(p: Params, rows: ErgodicRow[], curves: CesaroCurve[]) {
  const spread = logLogSlope(
    rows.map((r) => r.gamma),
    rows.map((r) => r.rms),
  );
  const markdown = [
    `${p.problem} (σ = ${p.sigma}), x0 = (${p.x0.join(', ')}), ADAM (debiased) α = 1 - ${p.a}γ, β = 1 - ${p.b}γ; ` +
      `${p.trajectories} trajectories per γ, each γ run to t = T = ${p.T}; δ = ${p.delta}. Cesàro intervals: ` +
      'normal (CLT) 95 % intervals over trajectories of count/n; last-step fractions: 95 % Wilson.',
    '',
    markdownTable(
      [
        'γ',
        'steps n',
        'Cesàro (1/n) Σ P(d > δ) [95 %]',
        'P(d(x_n) > δ) [95 % Wilson]',
        'RMS d(x_n)',
        'RMS/sqrt(γ)',
        'diverged',
      ],
      rows.map((r) => [
        r.gamma,
        r.steps,
        formatInterval(r.cesaro.value, r.cesaro.lo, r.cesaro.hi),
        formatInterval(r.lastStep.p, r.lastStep.lo, r.lastStep.hi),
        r.rms,
        r.rms / Math.sqrt(r.gamma),
        r.diverged,
      ]),
    ),
    '',
    `Stationary spread: log-log slope of RMS d(x_n) against γ = ${formatInterval(spread.value, spread.lo, spread.hi)} ` +
      '(least squares, 95 % t interval; theory 1/2).',
  ].join('\n');
  const results = {
    perGamma: rows,
    curves,
    spreadSlope: { value: spread.value, lo: spread.lo, hi: spread.hi },
    spreadSlopeDetails: spread,
  };
  return {
    results,
    markdown,
    verdict: verdictOf(rows, spread),
    figures: figures(p, rows, curves, spread),
  };
}

const PALETTE = [
  '#d55e00',
  '#e69f00',
  '#009e73',
  '#0072b2',
  '#cc79a7',
  '#56b4e9',
  '#000000',
  '#999999',
];

function figures(
  p: Params,
  rows: ErgodicRow[],
  curves: CesaroCurve[],
  spread: Slope,
): ExperimentFigure[] {
  const color = (i: number) => PALETTE[i % PALETTE.length] ?? '#000000';
  const cesaro = lineChartSvg({
    title: `Long-run theorem: (1/n) Σ_{k ≤ n} P(d(x_k, crit) > ${p.delta}) against t = nγ`,
    subtitle: `${p.problem}, σ = ${p.sigma}, x0 = (${p.x0.join(', ')}); ${p.trajectories} trajectories per γ; 95 % CLT bands`,
    xLabel: 't (log scale)',
    xScale: 'log',
    yLabel: 'Cesàro average',
    yDomain: [0, 1],
    bands: curves.map((c, i) => ({ x: c.t, lower: c.lo, upper: c.hi, color: color(i) })),
    lines: curves.map((c, i) => ({
      x: c.t,
      y: c.value,
      color: color(i),
      label: `γ = ${c.gamma}`,
    })),
  });
  const lg = rows.map((r) => r.gamma);
  const first = rows[0];
  const half = first ? lg.map((g) => first.rms * Math.sqrt(g / first.gamma)) : [];
  const spreadSvg = lineChartSvg({
    title: 'Stationary spread: RMS d(x_n, crit) at t = T against γ',
    subtitle: `fitted slope ${spread.value.toFixed(3)} [${spread.lo.toFixed(3)}, ${spread.hi.toFixed(3)}]; dashed: slope 1/2`,
    xLabel: 'γ (log scale)',
    yLabel: 'RMS d(x_n) (log scale)',
    xScale: 'log',
    yScale: 'log',
    lines: [
      {
        x: lg,
        y: rows.map((r) => r.rms),
        color: '#0072b2',
        label: 'RMS d(x_n)',
        lineWidth: 2,
      },
      { x: lg, y: half, color: '#777777', dash: [4, 3], lineWidth: 1, label: 'slope 1/2 (dashed)' },
    ],
  });
  return [
    {
      name: 'cesaro',
      caption: `Cesàro averages of P(d(x_k, crit) > ${p.delta}) with 95 % intervals`,
      svg: cesaro,
    },
    {
      name: 'spread',
      caption: 'Stationary spread around the critical point against γ (log-log)',
      svg: spreadSvg,
    },
  ];
}
