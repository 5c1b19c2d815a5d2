import { z } from 'zod';
import type { OptimizerSpec } from '../optimizers/index.ts';
import {
  checkScaledWeights,
  commonFields,
  empiricalQuantile,
  formatFraction,
  fraction,
  nameList,
  probeEnsemble,
  type Fraction,
} from './ensembleProbes.ts';
import { lineChartSvg } from './figures.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentFigure } from './types.ts';
import { rngOf } from './rng.ts';

/**
 * Saddle escape on double-well (docs/math.md section 6 item 4; the talk's heavy-ball argument):
 * from x0 ≈ (0, 0), the first time t = nγ at which |x1| > threshold, for several optimizers
 * with the same γ and the same noise σ. Every optimizer is written so that its mean step is γ
 * times an average gradient and t = nγ is its physical time:
 * - sgd: x -= γ g (ODE ẋ = -∇F);
 * - heavy-ball: m = μ m + (1 - μ) g, x -= γ m, i.e. PyTorch's SGD(lr = (1 - μ)γ, momentum μ),
 *   μ = 1 - aγ by default: the heavy ball with friction ẍ + aẋ + a∇F = 0 (docs/math.md section 3
 *   with v frozen at 1), the same a as ADAM;
 * - adam: the paper scaling α = 1 - aγ, β = 1 - bγ (debiased), ẍ-type dynamics preconditioned
 *   by 1/(ε + √v̂) ≈ 1/σ at the saddle (S(0) = σ²);
 * - rmsprop: x -= γ g/(ε + √v̂), debiased v̂ (else its first steps are ≈ γ/√(bγ n) long), β = 1 - bγ:
 *   the preconditioning without momentum.
 * The per-trajectory first passage is found by reading every position each `probeEvery` steps:
 * escape times are known to within probeEvery·γ (the time resolution, reported).
 */

const OPTIMIZERS = ['sgd', 'heavy-ball', 'adam', 'rmsprop'] as const;
type Method = (typeof OPTIMIZERS)[number];

const schema = z
  .object({
    ...commonFields,
    /** Trajectories per (optimizer, γ) group. */
    trajectories: commonFields.trajectories.default(2048),
    gammas: z.array(z.number().positive().max(0.5)).min(1).max(16).default([0.01]),
    optimizers: nameList(OPTIMIZERS, 'sgd,heavy-ball,adam,rmsprop'),
    /** Horizon in physical time t = nγ. */
    T: z.number().positive().default(10),
    /** Escape: |x1| > threshold (the wells are at x1 = ±1). */
    threshold: z.number().positive().lt(1).default(0.5),
    sigma: z.number().positive().default(0.1),
    curvature: z.number().positive().default(1),
    a: z.number().positive().default(10),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    /** Heavy-ball momentum μ; default 1 - aγ for each γ. */
    momentum: z.number().min(0).lt(1).optional(),
    x0: z.array(z.number()).length(2).default([1e-3, 0]),
    /** Gaussian cloud around x0 (0: every trajectory starts at x0). */
    spread: z.number().min(0).default(0),
    /** Steps between position read-backs (time resolution probeEvery·γ). */
    probeEvery: z.number().int().min(1).default(2),
  })
  .strict()
  .superRefine((p, ctx) => {
    checkScaledWeights(ctx, p, [...p.gammas]);
    if (p.T / Math.min(...p.gammas) > 5e6)
      ctx.addIssue({ code: 'custom', path: ['T'], message: 'T/min(gammas) must be ≤ 5e6 steps' });
  });

type Params = z.infer<typeof schema>;

function momentumFor(p: Params, gamma: number): number {
  return p.momentum ?? 1 - p.a * gamma;
}

/** The optimizer spec of `method` at step γ (the "same γ" convention of the file comment). */
function optimizerFor(method: Method, p: Params, gamma: number): OptimizerSpec {
  const epsilon = p.epsilon;
  if (method === 'sgd') return { name: 'sgd', gamma };
  if (method === 'heavy-ball') {
    const momentum = momentumFor(p, gamma);
    return { name: 'heavy-ball', gamma: (1 - momentum) * gamma, momentum };
  }
  if (method === 'adam') return { name: 'adam', gamma, a: p.a, b: p.b, epsilon };
  return { name: 'rmsprop', gamma, b: p.b, epsilon, debias: true };
}

/** Largest |eigenvalue| of [[p, q], [r, s]] (real spectrum here: the unstable mode). */
function spectralRadius(p: number, q: number, r: number, s: number): number {
  const tr = p + s;
  const disc = Math.sqrt(Math.max(0, tr * tr - 4 * (p * s - q * r)));
  return Math.max(Math.abs((tr + disc) / 2), Math.abs((tr - disc) / 2));
}

/**
 * Growth rate per unit t of x1 linearised at the saddle (∇F ≈ -x1, v̂ ≈ S(0) = σ²):
 * ln ρ(M)/γ where M maps (m, x1) one step: m' = μm + (1 - μ)(-x1), x1' = x1 - η m'.
 */
function linearRate(method: Method, p: Params, gamma: number): number {
  const pre = gamma / (p.epsilon + p.sigma);
  const [mu, eta] =
    method === 'sgd'
      ? [0, gamma]
      : method === 'heavy-ball'
        ? [momentumFor(p, gamma), gamma]
        : method === 'adam'
          ? [1 - p.a * gamma, pre]
          : [0, pre];
  const rho = spectralRadius(mu, -(1 - mu), -eta * mu, 1 + eta * (1 - mu));
  return Math.log(rho) / gamma;
}

/** Escape statistics of one (optimizer, γ) group. */
interface EscapeGroup {
  method: Method;
  gamma: number;
  /** Time resolution of the escape times: probeEvery·γ. */
  resolution: number;
  linearRate: number;
  t: number[];
  survival: Fraction[];
  escapeTimes: number[];
}

export const saddleExperiment: Experiment<typeof schema> = {
  name: 'saddle',
  title: 'Saddle escape on double-well: ADAM, SGD and the heavy ball',
  claim: 'Heavy-ball view (talk; docs/math.md section 3)',
  summary:
    'From x0 ≈ (0, 0), the saddle of double-well, each trajectory escapes when |x1| first exceeds a threshold. ' +
    'With the same γ and noise σ, in physical time t = nγ, the escape-time distribution (quantiles, fraction escaped by T ' +
    'with 95 % Wilson intervals, empirical survival functions) of SGD (first order), the heavy ball with friction a ' +
    '(second order) and ADAM (second order, preconditioned by 1/(ε + √v̂) ≈ 1/σ near the saddle).',
  schema,
  flags: {
    trajectories: 'number',
    gammas: 'numbers',
    optimizers: 'string',
    T: 'number',
    threshold: 'number',
    sigma: 'number',
    curvature: 'number',
    a: 'number',
    b: 'number',
    epsilon: 'number',
    momentum: 'number',
    x0: 'numbers',
    spread: 'number',
    'probe-every': 'number',
  },
  async run(p, context) {
    const N = p.trajectories;
    const lastStep = (g: number) => Math.round(p.T / g);
    const maxStep = Math.max(...p.gammas.map(lastStep));
    const probeSteps: number[] = [0];
    for (let s = p.probeEvery; s < maxStep + p.probeEvery; s += p.probeEvery)
      probeSteps.push(Math.min(s, maxStep));
    const groups: EscapeGroup[] = [];
    const diverged: Record<string, number[]> = {};
    for (const [k, method] of p.optimizers.entries()) {
      const mine = p.gammas.map((gamma): EscapeGroup => ({
        method,
        gamma,
        resolution: p.probeEvery * gamma,
        linearRate: linearRate(method, p, gamma),
        t: [],
        survival: [],
        escapeTimes: new Array<number>(N).fill(Infinity),
      }));
      const specs = p.gammas.map((g) => optimizerFor(method, p, g));
      const run = await probeEnsemble(
        {
          problem: { name: 'double-well', sigma: p.sigma, kappa: p.curvature },
          optimizer: specs[0] ?? optimizerFor(method, p, 0.01),
          hyperGrid: specs.map(({ name: _name, ...rest }) => rest),
          trajectories: N * p.gammas.length,
          seed: p.seed,
          ...rngOf(context),
          x0: p.x0,
          initialSpread: p.spread,
          stepsPerDispatch: p.probeEvery,
        },
        context.backend,
        probeSteps,
        ({ step, positions }) => {
          mine.forEach((group, g) => {
            if (step > lastStep(group.gamma)) return;
            let alive = 0;
            for (let i = 0; i < N; i++) {
              const j = g * N + i;
              if (group.escapeTimes[i] === Infinity) {
                if (Math.abs(positions.x[2 * j] ?? 0) > p.threshold)
                  group.escapeTimes[i] = step * group.gamma;
                else alive++;
              }
            }
            group.t.push(step * group.gamma);
            group.survival.push(fraction(alive, N));
          });
        },
        { progress: (f) => context.progress((k + f) / p.optimizers.length) },
      );
      run.warnings.forEach((w) => context.warn(`${method}: ${w}`));
      diverged[method] = run.diverged;
      if (run.diverged.some((d) => d > 0))
        context.warn(`${method}: diverged trajectories per γ: ${run.diverged.join(', ')}`);
      groups.push(...mine);
    }
    return report(p, groups, diverged);
  },
};

const QUANTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

/** Escape-time quantiles (Infinity: fewer than p·N escaped by T, "> T"), fraction escaped. */
function summaryOf(group: EscapeGroup) {
  const escaped = group.escapeTimes.filter((t) => t < Infinity);
  return {
    quantiles: QUANTILES.map((q) => ({ p: q, t: empiricalQuantile(group.escapeTimes, q) })),
    escapedByT: fraction(escaped.length, group.escapeTimes.length),
    meanOfEscaped: escaped.length ? escaped.reduce((s, t) => s + t, 0) / escaped.length : NaN,
  };
}

function verdictOf(groups: EscapeGroup[]): string {
  const median = (m: Method) =>
    groups.filter((g) => g.method === m).map((g) => summaryOf(g).quantiles[2]?.t ?? NaN);
  const several = new Set(groups.map((g) => g.gamma)).size > 1;
  const parts = groups.map((g) => `${g.method}${several ? ` (γ = ${g.gamma})` : ''}`);
  const escaped = groups.every((g) => summaryOf(g).escapedByT.low > 0.5);
  const adam = median('adam');
  const sgd = median('sgd');
  const faster = adam.length && sgd.length ? adam.every((m, i) => m < (sgd[i] ?? NaN)) : undefined;
  return (
    `${escaped ? 'every optimizer escapes the saddle' : 'NOT every optimizer escapes by T'} (${parts.join(', ')})` +
    (faster === undefined
      ? ''
      : faster
        ? '; ADAM escapes faster than SGD (median escape time)'
        : '; ADAM is NOT faster than SGD here')
  );
}

const fmt = (t: number) => (t === Infinity ? '> T' : t.toFixed(2));

/** The `results` of a saddle outcome (what the gallery figure draws). */
export type SaddleResults = ReturnType<typeof report>['results'];

function report(p: Params, groups: EscapeGroup[], diverged: Record<string, number[]>) {
  const rows = groups.map((g) => {
    const s = summaryOf(g);
    return [
      g.method,
      g.gamma,
      g.linearRate,
      ...s.quantiles.map((q) => fmt(q.t)),
      formatFraction(s.escapedByT),
    ];
  });
  const markdown = [
    `double-well (σ = ${p.sigma}, κ = ${p.curvature}), x0 = (${p.x0.join(', ')})${p.spread ? ` + ${p.spread}·N(0, I)` : ''}, ` +
      `escape when |x1| > ${p.threshold}; ${p.trajectories} trajectories per row; T = ${p.T}; ADAM a = ${p.a}, b = ${p.b}; ` +
      `heavy ball μ = ${p.momentum ?? '1 - aγ'}. Time resolution: probeEvery·γ = ${p.gammas.map((g) => (p.probeEvery * g).toPrecision(3)).join(', ')}.`,
    '',
    markdownTable(
      [
        'optimizer',
        'γ',
        'linear rate',
        ...QUANTILES.map((q) => `t_esc q${Math.round(q * 100)}`),
        'escaped by T [95 % Wilson]',
      ],
      rows,
    ),
    '',
    'Linear rate: growth per unit t of x1 linearised at the saddle (∇F ≈ -x1, v̂ ≈ σ²); escape takes about ' +
      '(1/rate)·ln(threshold / noise amplitude). Quantiles are type-1 over all trajectories; "> T": not reached by T. ' +
      'The heavy ball here is m = μm + (1 - μ)g, x -= γm (PyTorch SGD with lr = (1 - μ)γ): PyTorch with lr = γ is the same ' +
      'heavy ball at step γ/(1 - μ), i.e. 1/(1 - μ) times faster per iteration.',
  ].join('\n');
  const results = {
    groups: groups.map((g) => ({ ...g, escapeTimes: undefined, summary: summaryOf(g) })),
    escapeTimes: Object.fromEntries(
      groups.map((g) => [
        `${g.method}@${g.gamma}`,
        g.escapeTimes.map((t) => (t === Infinity ? null : t)),
      ]),
    ),
    diverged,
  };
  return { results, markdown, verdict: verdictOf(groups), figures: figures(p, groups) };
}

const COLORS: Record<Method, string> = {
  sgd: '#d55e00',
  'heavy-ball': '#009e73',
  adam: '#0072b2',
  rmsprop: '#cc79a7',
};

function figures(p: Params, groups: EscapeGroup[]): ExperimentFigure[] {
  const gamma = Math.min(...p.gammas);
  const several = p.gammas.length > 1;
  const survival = lineChartSvg({
    title: `Saddle escape on double-well: P(|x1| ≤ ${p.threshold} up to t)`,
    subtitle: `${p.trajectories} trajectories per curve, σ = ${p.sigma}, x0 = (${p.x0.join(', ')}); 95 % Wilson bands${several ? `; solid γ = ${gamma}, dashed other γ` : `; γ = ${gamma}`}`,
    xLabel: 't = nγ',
    yLabel: 'fraction not escaped',
    yDomain: [0, 1],
    bands: groups
      .filter((g) => g.gamma === gamma)
      .map((g) => ({
        x: g.t,
        lower: g.survival.map((f) => f.low),
        upper: g.survival.map((f) => f.high),
        color: COLORS[g.method],
      })),
    lines: groups.map((g) => ({
      x: g.t,
      y: g.survival.map((f) => f.fraction),
      color: COLORS[g.method],
      ...(g.gamma === gamma ? { label: g.method } : { dash: [4, 3], lineWidth: 1 }),
    })),
  });
  return [
    {
      name: 'survival',
      caption: 'Empirical survival functions of the saddle escape time',
      svg: survival,
    },
  ];
}
