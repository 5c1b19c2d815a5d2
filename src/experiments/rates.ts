import { z } from 'zod';
import { problemFields, problemSpec } from '../problems/flags.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import type { OdeResult } from '../ode/result.ts';
import { createProblem, type ProblemDescriptor } from '../problems/index.ts';
import type { LineSeries } from '../plot/index.ts';
import { lineChartSvg } from './figures.ts';
import {
  defaultRtol,
  linearFit,
  linspace,
  logspace,
  seedField,
  seriesColor,
  type LinearFit,
  problemMinimiser,
} from './odeCommon.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentFigure } from './types.ts';

/**
 * Theorem 3.4 (docs/math.md section 5): convergence rates of the debiased ADAM ODE. On a quadratic
 * (Łojasiewicz θ = 1/2) ‖x(t) - x*‖ decays exponentially; linearising at x* (m̂ → ∇F, v̂ →
 * S(x*), debiasing factors → 1) each coordinate obeys ë + a ė + a κ_i e = 0 with
 * κ_i = H_ii/(ε + √S_i(x*)), whose slowest root gives the predicted rate
 * ρ = min_i (a - Re √(a² - 4aκ_i))/2. On F = Σ x⁴/4 (θ = 1/4) the rate is t^(-θ/(1-2θ)) =
 * t^(-1/2): near 0, ẋ ≈ -x³/(ε + σ), so x_i ≈ √((ε + σ)/(2t)) and ‖x‖·√t → √(d(ε + σ)/2).
 */

const schema = z
  .object({
    ...problemFields,
    problem: z.enum(['quadratic-diag', 'regression2d']).default('quadratic-diag'),
    dim: z.number().int().min(1).max(64).default(4),
    lambdaMin: z.number().positive().default(0.1),
    lambdaMax: z.number().positive().default(1),
    sigma: z.number().positive().default(1),
    a: z.number().positive().default(2),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    /** Initial points per problem: x0 = x* + center + spread·ζ. */
    trajectories: z.number().int().min(1).max(4096).default(16),
    spread: z.number().min(0).default(1),
    /** Horizon of the quadratic; the exponential fit uses t ∈ [fitFrom·T, T]. */
    T: z.number().positive().default(80),
    fitFrom: z.number().min(0).lt(1).default(0.5),
    quarticDim: z.number().int().min(1).max(64).default(2),
    quarticSigma: z.number().positive().default(1),
    /** Quartic cloud centre (every coordinate) and spread; kept away from 0 (see fitFrom). */
    quarticCenter: z.number().default(0.3),
    quarticSpread: z.number().min(0).default(0.05),
    /** Horizon of the quartic; the log-log fit uses t ∈ [quarticFitFrom·quarticT, quarticT]. */
    quarticT: z.number().positive().default(10000),
    quarticFitFrom: z.number().gt(0).lt(1).default(0.1),
    outputs: z.number().int().min(10).max(10001).default(201),
    rtol: z.number().positive().optional(),
    /** Absolute tolerance, small: the fit follows ‖x - x*‖ over several decades. */
    atol: z.number().positive().default(1e-12),
    seed: seedField,
  })
  .strict();

/** Predicted rate of the linearised ODE at x* (diagonal Hessian by central differences). */
export function linearisedRate(
  problem: ProblemDescriptor,
  xStar: readonly number[],
  a: number,
  epsilon: number,
): { rate: number; kappa: number[] } {
  const d = problem.dimension;
  const s = problem.secondMoment(Float64Array.from(xStar));
  const kappa: number[] = [];
  for (let i = 0; i < d; i++) {
    const h = 1e-4 * (1 + Math.abs(xStar[i] ?? 0));
    const plus = Float64Array.from(xStar);
    const minus = Float64Array.from(xStar);
    plus[i] = (plus[i] ?? 0) + h;
    minus[i] = (minus[i] ?? 0) - h;
    const hii =
      ((problem.meanGradient(plus)[i] ?? 0) - (problem.meanGradient(minus)[i] ?? 0)) / (2 * h);
    kappa.push(hii / (epsilon + Math.sqrt(s[i] ?? 0)));
  }
  const rates = kappa.map((k) => {
    const disc = a * a - 4 * a * k;
    return disc >= 0 ? (a - Math.sqrt(disc)) / 2 : a / 2;
  });
  return { rate: Math.min(...rates), kappa };
}

/** Per-trajectory fits of log dist against x (t or log t) over the window. */
function fitTrajectories(
  result: OdeResult,
  abscissa: (t: number) => number,
  from: number,
): LinearFit[] {
  const K = result.times.length;
  const idx = [...result.times.keys()].filter((k) => (result.times[k] ?? 0) >= from);
  return Array.from({ length: result.trajectoryCount }, (_, n) =>
    linearFit(
      idx.map((k) => abscissa(result.times[k] ?? NaN)),
      idx.map((k) => Math.log(result.records.dist[n * K + k] ?? NaN)),
    ),
  );
}

function stats(values: number[]) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean, min: Math.min(...values), max: Math.max(...values) };
}

function distFigure(
  name: string,
  result: OdeResult,
  axis: { logT?: boolean; fitAbscissa: (t: number) => number; from: number },
  fit: LinearFit | undefined,
  labels: { title: string; subtitle: string; xLabel: string; caption: string },
): ExperimentFigure {
  const K = result.times.length;
  const shown = Math.min(8, result.trajectoryCount);
  const xs = Array.from(result.times);
  const lines: LineSeries[] = Array.from({ length: shown }, (_, n) => ({
    x: xs,
    y: Array.from(result.records.dist.subarray(n * K, (n + 1) * K)),
    color: seriesColor(n),
    ...(n === 0 ? { label: `ODE paths (first ${shown}, one colour each)` } : {}),
  }));
  if (fit) {
    const window = Array.from(result.times).filter((t) => t >= axis.from);
    lines.push({
      x: window,
      y: window.map((t) => Math.exp(fit.intercept + fit.slope * axis.fitAbscissa(t))),
      color: '#000000',
      label: `fit of path 1 (dashed): slope ${fit.slope.toFixed(4)}`,
      dash: [5, 4],
    });
  }
  return {
    name,
    caption: labels.caption,
    svg: lineChartSvg({
      ...labels,
      yLabel: '‖x(t) - x*‖ (log scale)',
      yScale: 'log',
      ...(axis.logT ? { xScale: 'log' as const } : {}),
      lines,
    }),
  };
}

export const ratesExperiment: Experiment<typeof schema> = {
  name: 'rates',
  title: 'Convergence rates of the ADAM ODE',
  claim: 'Theorem 3.4',
  summary:
    'Rate of ‖x(t) - x*‖ along the debiased ADAM ODE (dopri5, many output times). Quadratic (Łojasiewicz θ = 1/2): exponential, the slope of log ‖x - x*‖ against t is fitted per trajectory over the second half of the horizon and compared with the slowest root of the linearised ODE ë + a ė + a κ e = 0, κ = H_ii/(ε + √S_i(x*)). Quartic F = Σ x⁴/4 (θ = 1/4): polynomial, the log-log slope is fitted and compared with -θ/(1 - 2θ) = -1/2, and ‖x‖·√t with √(d(ε + σ)/2).',
  usesGenerator: false,
  schema,
  flags: {
    problem: 'string',
    dim: 'number',
    p: 'number',
    sigma: 'number',
    'lambda-min': 'number',
    'lambda-max': 'number',
    'x-star': 'numbers',
    a: 'number',
    b: 'number',
    epsilon: 'number',
    trajectories: 'number',
    spread: 'number',
    T: 'number',
    'fit-from': 'number',
    'quartic-dim': 'number',
    'quartic-sigma': 'number',
    'quartic-center': 'number',
    'quartic-spread': 'number',
    'quartic-t': 'number',
    'quartic-fit-from': 'number',
    outputs: 'number',
    rtol: 'number',
    atol: 'number',
  },
  async run(p, context) {
    const backend = context.backend;
    const rtol = p.rtol ?? defaultRtol(context.backend);
    const quadratic = createProblem(problemSpec(p));
    const xStar = problemMinimiser(p, quadratic.dimension);
    const predicted = linearisedRate(quadratic, xStar, p.a, p.epsilon);
    const common = { ode: 'adam' as const, a: p.a, b: p.b, epsilon: p.epsilon, rtol, atol: p.atol };
    const expResult = await integrateOde(
      {
        ...common,
        problem: quadratic,
        cloud: { count: p.trajectories, spread: p.spread, seed: p.seed, center: xStar },
        finalTime: p.T,
        method: 'dopri5',
        outputTimes: linspace(0, p.T, p.outputs),
        readRecords: true,
        statistics: false,
      },
      backend,
    );
    context.progress(0.5);
    const quartic = createProblem({
      name: 'quartic',
      dimension: p.quarticDim,
      sigma: p.quarticSigma,
    });
    const polyResult = await integrateOde(
      {
        ...common,
        problem: quartic,
        cloud: {
          count: p.trajectories,
          spread: p.quarticSpread,
          seed: p.seed,
          center: new Array<number>(p.quarticDim).fill(p.quarticCenter),
        },
        finalTime: p.quarticT,
        method: 'dopri5',
        outputTimes: [0, ...logspace(p.quarticT * 1e-3, p.quarticT, p.outputs - 1)],
        readRecords: true,
        statistics: false,
      },
      backend,
    );
    context.progress(1);
    const expFits = fitTrajectories(expResult, (t) => t, p.fitFrom * p.T);
    const polyFits = fitTrajectories(polyResult, Math.log, p.quarticFitFrom * p.quarticT);
    const rates = expFits.map((f) => -f.slope);
    const slopes = polyFits.map((f) => f.slope);
    const K = polyResult.times.length;
    const amplitude = Array.from(
      { length: polyResult.trajectoryCount },
      (_, n) => (polyResult.records.dist[n * K + K - 1] ?? NaN) * Math.sqrt(p.quarticT),
    );
    const expectedAmplitude = Math.sqrt((p.quarticDim * (p.epsilon + p.quarticSigma)) / 2);
    const rateStats = stats(rates);
    const slopeStats = stats(slopes);
    const rateError = Math.max(...rates.map((r) => Math.abs(r / predicted.rate - 1)));
    const slopeError = Math.max(...slopes.map((s) => Math.abs(s + 0.5)));
    const failed = [...expResult.status, ...polyResult.status].filter((s) => s !== 'done').length;
    const verdict =
      `quadratic: fitted rate ${rateStats.mean.toPrecision(4)} (range ${rateStats.min.toPrecision(4)}–${rateStats.max.toPrecision(4)}) vs linearised prediction ${predicted.rate.toPrecision(4)} (max relative gap ${rateError.toExponential(1)}); ` +
      `quartic: log-log slope ${slopeStats.mean.toFixed(4)} (range ${slopeStats.min.toFixed(4)}–${slopeStats.max.toFixed(4)}) vs -1/2 (max gap ${slopeError.toFixed(4)})` +
      (failed ? `; ${failed} solves failed` : '');
    const table = markdownTable(
      ['case', 'measured (mean)', 'min', 'max', 'typical fit s.e.', 'prediction'],
      [
        [
          `${p.problem} rate (1/time)`,
          rateStats.mean,
          rateStats.min,
          rateStats.max,
          expFits[0]?.slopeStdError ?? NaN,
          predicted.rate,
        ],
        [
          'quartic log-log slope',
          slopeStats.mean,
          slopeStats.min,
          slopeStats.max,
          polyFits[0]?.slopeStdError ?? NaN,
          -0.5,
        ],
        [
          'quartic ‖x(T)‖·√T',
          stats(amplitude).mean,
          stats(amplitude).min,
          stats(amplitude).max,
          '',
          expectedAmplitude,
        ],
      ],
    );
    return {
      results: {
        quadratic: {
          problem: p.problem,
          xStar,
          kappa: predicted.kappa,
          predictedRate: predicted.rate,
          fitWindow: [p.fitFrom * p.T, p.T],
          fits: expFits,
          rates,
          maxRelativeRateError: rateError,
        },
        quartic: {
          fitWindow: [p.quarticFitFrom * p.quarticT, p.quarticT],
          fits: polyFits,
          slopes,
          expectedSlope: -0.5,
          maxSlopeError: slopeError,
          amplitude,
          expectedAmplitude,
        },
        failedSolves: failed,
      },
      markdown: `## Rates (${p.trajectories} initial points per case, a = ${p.a}, b = ${p.b})\n\n${table}\n\nThe quadratic rate is fitted on t ∈ [${p.fitFrom * p.T}, ${p.T}] (slope of ln ‖x - x*‖), the quartic slope on t ∈ [${p.quarticFitFrom * p.quarticT}, ${p.quarticT}] (ln ‖x‖ against ln t). κ_i = ${predicted.kappa.map((k) => k.toPrecision(3)).join(', ')}.\n`,
      verdict,
      figures: [
        distFigure(
          'rate-quadratic',
          expResult,
          { fitAbscissa: (t) => t, from: p.fitFrom * p.T },
          expFits[0],
          {
            title: `Exponential rate on ${p.problem}`,
            subtitle: `fitted ${rateStats.mean.toPrecision(4)}, linearised prediction ${predicted.rate.toPrecision(4)}`,
            xLabel: 't',
            caption: `‖x(t) - x*‖ (log scale) of the ADAM ODE on ${p.problem} (first 8 of ${p.trajectories} paths) and the fitted line of the first path (dashed); its slope in ln ‖x - x*‖ is -rate.`,
          },
        ),
        distFigure(
          'rate-quartic',
          polyResult,
          { logT: true, fitAbscissa: Math.log, from: p.quarticFitFrom * p.quarticT },
          polyFits[0],
          {
            title: 'Polynomial rate on the quartic',
            subtitle: `fitted log-log slope ${slopeStats.mean.toFixed(4)}, Theorem 3.4: -1/2`,
            xLabel: 't (log scale)',
            caption: `‖x(t)‖ against t on log-log axes on F = Σ x⁴/4 (first 8 of ${p.trajectories} paths) and the fitted line of the first path (slope ≈ -1/2).`,
          },
        ),
      ],
    };
  },
};
