import { CpuBackend } from '../backend/index.ts';
import { z } from 'zod';
import { PROBLEM_FLAGS, problemFields, problemSpec } from '../problems/flags.ts';
import { resolveEnsemble, type EnsembleConfig } from '../ensemble/config.ts';
import { initialTrajectoryState, optimizerOf } from '../ensemble/cpuTrajectory.ts';
import { createObservedEnsemble } from '../ensemble/observedEnsemble.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import { createProblem, type ProblemDescriptor } from '../problems/index.ts';
import type { Summary } from '../stats/summary.ts';
import { commonFields } from './ensembleProbes.ts';
import { checkListLengths } from './odeCommon.ts';
import { lineChartSvg } from './figures.ts';
import {
  formatInterval,
  logLogSlope,
  quantileRecord,
  REPORT_QUANTILES,
  type Quantiles,
  type Slope,
  requireSingleTile,
} from './observedCommon.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentContext, ExperimentFigure } from './types.ts';
import { rngOf } from './rng.ts';

/**
 * Theorem 4.3 (docs/math.md section 5): for every T and δ, P(sup_{t ≤ T} ‖z^γ(t) - z(t)‖ > δ) → 0
 * as γ → 0, with z^γ the interpolated ADAM iterates (Eq. 2.3) in the paper's scaling
 * α = 1 - aγ, β = 1 - bγ and z the solution of the ODE (3.3) from the same x0.
 *
 * Per trajectory, the sup is taken on the GPU by the sup-distance observer
 * (shaders/observers/sup_distance.wgsl) at the grid points t = nγ, n = 0 .. round(T/γ): z^γ is
 * linear between them and z is C², so the sup over [0, T] exceeds the grid max by at most
 * (γ²/8)·max‖z̈‖ (reported per γ from the reference). The reference z(nγ) is computed once per
 * γ by integrateOde (dopri5, float64, rtol 1e-10, dense output at t = nγ) and uploaded in
 * float32. Every γ group runs in the same dispatches (hyperparameter groups); each group stops
 * at its own last step round(T/γ).
 */

const schema = z
  .object({
    ...commonFields,
    ...problemFields,
    problem: problemFields.problem.default('regression2d'),
    /** Trajectories per γ. */
    trajectories: commonFields.trajectories.default(4096),
    gammas: z
      .array(z.number().positive().max(0.5))
      .min(2)
      .max(16)
      .default([0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001]),
    /** Horizon of the sup, in physical time t = nγ. */
    T: z.number().positive().default(5),
    a: z.number().positive().default(2),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    x0: z.array(z.number()).min(1).default([-2, -3]),
    /** P(sup ‖z^γ - z‖ > δ) is reported for this δ (full state). */
    delta: z.number().positive().default(1.5),
    /** Steps per dispatch K. */
    stepsPerDispatch: z.number().int().min(1).max(4096).default(64),
  })
  .strict()
  .superRefine((p, ctx) => {
    const worst = Math.max(...p.gammas);
    if (p.a * worst > 1 || p.b * worst > 1)
      ctx.addIssue({ code: 'custom', path: ['a'], message: 'a·γ and b·γ must be ≤ 1 for every γ' });
    if (p.b > 4 * p.a)
      ctx.addIssue({ code: 'custom', path: ['b'], message: 'Assumption 2.5 needs b ≤ 4a' });
    if (p.T / Math.min(...p.gammas) > 2e6)
      ctx.addIssue({ code: 'custom', path: ['T'], message: 'T/min(gammas) must be ≤ 2e6 steps' });
    checkListLengths(ctx, p, [p.problem], ['x0']);
  });

/** The parameters of the experiment (its schema's defaults filled in). */
export type WeakConvergenceParams = z.infer<typeof schema>;
type Params = WeakConvergenceParams;

const BLOCKS = ['full', 'x', 'm', 'v'] as const;
type BlockName = (typeof BLOCKS)[number];

/** One γ of the sweep. */
export interface WeakConvergenceRow {
  gamma: number;
  steps: number;
  full: Quantiles;
  x: Quantiles;
  m: Quantiles;
  v: Quantiles;
  /** P(sup ‖z^γ - z‖ > δ) with its 95 % Wilson interval. */
  pAbove: { delta: number; p: number; lo: number; hi: number };
  /** Mean of the sup-distance (full). */
  meanFull: number;
  /** (γ²/8)·max‖z̈‖ on [0, T]: how much the sup over [0, T] can exceed the grid max. */
  discretisation: number;
  /** Histogram resolution of the quantiles of sup² (0 on the cpu backend: exact). */
  quantileResolutionSq: number;
  diverged: number;
}

/** z(nγ), n = 0 .. steps, as 12 values per n (x, m, v in 4 lanes each). */
async function reference(
  problem: ProblemDescriptor,
  p: Params,
  gamma: number,
  steps: number,
): Promise<Float64Array> {
  const d = problem.dimension;
  const times = Array.from({ length: steps + 1 }, (_, n) => n * gamma);
  const result = await integrateOde(
    {
      problem,
      ode: 'adam',
      a: p.a,
      b: p.b,
      epsilon: p.epsilon,
      x0: p.x0,
      finalTime: steps * gamma,
      method: 'dopri5',
      rtol: 1e-10,
      atol: 1e-12,
      outputTimes: times,
      statistics: false,
    },
    new CpuBackend(),
  );
  const { x, m, v } = result.records;
  if (result.status[0] !== 'done' || !x || !m || !v)
    throw new Error(`weak-convergence: the ODE reference failed (${result.status[0]})`);
  const out = new Float64Array((steps + 1) * 12);
  for (let n = 0; n <= steps; n++)
    for (let i = 0; i < d; i++) {
      out[n * 12 + i] = x[n * d + i] ?? NaN;
      out[n * 12 + 4 + i] = m[n * d + i] ?? NaN;
      out[n * 12 + 8 + i] = v[n * d + i] ?? NaN;
    }
  return out;
}

/** (γ²/8)·max_n ‖z((n+1)γ) - 2z(nγ) + z((n-1)γ)‖/γ²: the interpolation term of the sup. */
function discretisationBound(ref: Float64Array): number {
  const samples = ref.length / 12;
  let worst = 0;
  for (let n = 1; n + 1 < samples; n++) {
    let s = 0;
    for (let j = 0; j < 12; j++)
      s +=
        ((ref[(n + 1) * 12 + j] ?? 0) -
          2 * (ref[n * 12 + j] ?? 0) +
          (ref[(n - 1) * 12 + j] ?? 0)) **
        2;
    worst = Math.max(worst, Math.sqrt(s));
  }
  return worst / 8;
}

export const weakConvergenceExperiment: Experiment<typeof schema> = {
  name: 'weak-convergence',
  title: 'Weak convergence of ADAM to its ODE',
  claim: 'Theorem 4.3',
  summary:
    'For each γ, N ADAM trajectories (α = 1 - aγ, β = 1 - bγ, debiased) start at x0 and are compared with the ' +
    'solution z(t) = (x, m, v)(t) of the ODE (3.3) from the same x0: per trajectory, sup_{t ≤ T} ‖z^γ(t) - z(t)‖ ' +
    '(grid points t = nγ; full state and the x, m, v blocks), taken on the GPU while stepping. Theorem 4.3 predicts ' +
    'P(sup > δ) → 0 as γ → 0 for every δ; the diffusive fluctuations suggest sup ∝ sqrt(γ) (log-log slope ≈ 1/2).',
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
    'steps-per-dispatch': 'number',
    ...PROBLEM_FLAGS,
  },
  async run(p, context) {
    const measured = await measureSupDistances(p, context);
    const { rows, references, observations, config, lastSteps, problem } = measured;
    const G = p.gammas.length;
    const example = Array.from({ length: G }, (_, g) =>
      Math.sqrt(observations[4 * g * p.trajectories] ?? NaN),
    );
    const paths = [0, G - 1].map((g) =>
      replayPath(config, g * p.trajectories, lastSteps[g] ?? 0, p.gammas[g] ?? NaN),
    );
    return report(p, problem, rows, references, example, paths);
  },
};

/** What `measureSupDistances` returns: the rows of the report and the raw sups. */
export interface SupDistanceMeasurement {
  rows: WeakConvergenceRow[];
  /**
   * sup² per trajectory and block, `4 · (g · trajectories + i) + lane` (lanes: full, x, m, v);
   * NaN for diverged trajectories.
   */
  observations: Float64Array;
  /** z(nγ) of the ODE per γ (12 values per n). */
  references: Float64Array[];
  lastSteps: number[];
  config: EnsembleConfig;
  problem: ProblemDescriptor;
}

/**
 * The engine of the experiment (also the `weak-convergence` figure's): for each γ of
 * `p.gammas` (group g = trajectories g·N .. g·N + N − 1 of one ensemble), the sup over the
 * grid t = nγ ≤ T of ‖z^γ − z‖ per trajectory, its quantiles and P(sup > δ). `context.progress`
 * may throw (an abort) to stop the work: the ensemble is released.
 */
export async function measureSupDistances(
  p: WeakConvergenceParams,
  context: ExperimentContext,
): Promise<SupDistanceMeasurement> {
  const spec = problemSpec(p);
  requireSingleTile(spec);
  const problem = createProblem(spec);
  const lastSteps = p.gammas.map((g) => Math.max(1, Math.round(p.T / g)));
  context.progress(0, 'ODE reference');
  const references: Float64Array[] = [];
  for (const [g, gamma] of p.gammas.entries())
    references.push(await reference(problem, p, gamma, lastSteps[g] ?? 1));
  const config: EnsembleConfig = {
    problem: spec,
    optimizer: { name: 'adam', gamma: p.gammas[0] ?? 0.01, a: p.a, b: p.b, epsilon: p.epsilon },
    hyperGrid: p.gammas.map((gamma) => ({ gamma })),
    trajectories: p.trajectories * p.gammas.length,
    seed: p.seed,
    ...rngOf(context),
    x0: p.x0,
    stepsPerDispatch: p.stepsPerDispatch,
  };
  const ensemble = await createObservedEnsemble(
    config,
    { kind: 'sup-distance', lastSteps, reference: references },
    context.backend,
  );
  try {
    ensemble.resolved.warnings.forEach((w) => context.warn(w));
    const total = Math.max(...lastSteps);
    const piece = Math.max(
      p.stepsPerDispatch,
      Math.ceil(total / 20 / p.stepsPerDispatch) * p.stepsPerDispatch,
    );
    while (ensemble.step < total) {
      await ensemble.advance(Math.min(piece, total - ensemble.step));
      context.progress(ensemble.step / total, 'stepping');
    }
    const summaries: Summary[][] = [];
    for (const lane of [0, 1, 2, 3])
      summaries.push(
        await ensemble.summarizeLane(lane, {
          quantiles: REPORT_QUANTILES,
          threshold: lane === 0 ? p.delta ** 2 : Infinity,
        }),
      );
    const diverged = await ensemble.divergedPerGroup();
    if (diverged.some((d) => d > 0))
      context.warn(
        `diverged trajectories per γ: ${diverged.join(', ')} (excluded from the statistics)`,
      );
    const rows = p.gammas.map((gamma, g): WeakConvergenceRow => {
      const block = (lane: number) => {
        const s = summaries[lane]?.[g];
        if (!s) throw new Error('weak-convergence: missing summary');
        return s;
      };
      const full = block(0);
      const interval = full.fractionAboveInterval;
      const record = Object.fromEntries(
        BLOCKS.map((name, lane) => [name, quantileRecord(block(lane).quantiles, Math.sqrt)]),
      ) as Record<BlockName, Quantiles>;
      return {
        gamma,
        steps: lastSteps[g] ?? 0,
        ...record,
        pAbove: { delta: p.delta, p: full.fractionAbove, lo: interval.low, hi: interval.high },
        meanFull: NaN,
        discretisation: discretisationBound(references[g] ?? new Float64Array()),
        quantileResolutionSq: full.quantileResolution,
        diverged: diverged[g] ?? 0,
      };
    });
    const observations = await ensemble.readObservations();
    rows.forEach((row, g) => {
      let s = 0;
      for (let i = 0; i < p.trajectories; i++)
        s += Math.sqrt(observations[4 * (g * p.trajectories + i)] ?? NaN);
      row.meanFull = s / p.trajectories;
    });
    return { rows, observations, references, lastSteps, config, problem };
  } finally {
    ensemble.destroy();
  }
}

/** x_1 of one trajectory along n = 0 .. steps (float64 replay with the GPU's draws). */
interface PathSample {
  gamma: number;
  trajectory: number;
  t: number[];
  x1: number[];
}

function replayPath(
  config: EnsembleConfig,
  trajectory: number,
  steps: number,
  gamma: number,
): PathSample {
  const resolved = resolveEnsemble(config);
  const optimizer = optimizerOf(resolved, trajectory);
  let state = initialTrajectoryState(resolved, trajectory);
  const t = [0];
  const x1 = [state.x[0] ?? NaN];
  for (let n = 1; n <= steps; n++) {
    const g = resolved.problem.gradientSample(state.x, resolved.key, trajectory, n);
    state = optimizer.update(g, state, optimizer.hyper, n);
    resolved.problem.project(state.x);
    t.push(n * gamma);
    x1.push(state.x[0] ?? NaN);
  }
  return { gamma, trajectory, t, x1 };
}

function slopes(rows: WeakConvergenceRow[]): Record<BlockName, Slope> {
  const gammas = rows.map((r) => r.gamma);
  return Object.fromEntries(
    BLOCKS.map((b) => [
      b,
      logLogSlope(
        gammas,
        rows.map((r) => r[b].q50),
      ),
    ]),
  ) as Record<BlockName, Slope>;
}

function verdictOf(rows: WeakConvergenceRow[], slope: Slope): string {
  const large = rows.reduce((a, r) => (r.gamma > a.gamma ? r : a));
  const small = rows.reduce((a, r) => (r.gamma < a.gamma ? r : a));
  const separated = small.pAbove.hi < large.pAbove.lo;
  const decreasing = rows
    .slice()
    .sort((a, b) => b.gamma - a.gamma)
    .every((r, i, all) => i === 0 || r.full.q50 <= (all[i - 1]?.full.q50 ?? Infinity));
  const agrees = separated && (Number.isNaN(slope.lo) ? slope.value > 0 : slope.lo > 0);
  return (
    `${agrees ? 'agrees with Theorem 4.3' : 'does NOT clearly show Theorem 4.3'}: ` +
    `P(sup ‖z^γ - z‖ > ${large.pAbove.delta}) = ${large.pAbove.p.toFixed(3)} at γ = ${large.gamma} vs ` +
    `${small.pAbove.p.toFixed(3)} at γ = ${small.gamma}${separated ? ' (Wilson intervals disjoint)' : ' (Wilson intervals overlap)'}; ` +
    `median sup-distance ∝ γ^${slope.value.toFixed(3)} [${slope.lo.toFixed(3)}, ${slope.hi.toFixed(3)}]` +
    `${decreasing ? ', decreasing at every step of the sweep' : ''}`
  );
}

function report(
  p: Params,
  problem: ProblemDescriptor,
  rows: WeakConvergenceRow[],
  references: Float64Array[],
  example: number[],
  paths: PathSample[],
) {
  const fits = slopes(rows);
  const slope = fits.full;
  const fmt = (q: Quantiles) =>
    `${q.q50.toPrecision(3)} [${q.q25.toPrecision(3)}, ${q.q75.toPrecision(3)}]`;
  const markdown = [
    `${problem.name}, x0 = (${p.x0.join(', ')}), ADAM (debiased) with α = 1 - ${p.a}γ, β = 1 - ${p.b}γ, ε = ${p.epsilon}; ` +
      `${p.trajectories} trajectories per γ; T = ${p.T}. Sup over the grid t = nγ ≤ T; the sup over [0, T] of the ` +
      'interpolated process exceeds it by at most the "discretisation" column, (γ²/8)·max‖z̈‖.',
    '',
    markdownTable(
      [
        'γ',
        'steps',
        'full: median [q25, q75]',
        'x',
        'm',
        'v',
        `P(sup > ${p.delta}) [95 % Wilson]`,
        'discretisation',
        'diverged',
      ],
      rows.map((r) => [
        r.gamma,
        r.steps,
        fmt(r.full),
        fmt(r.x),
        fmt(r.m),
        fmt(r.v),
        formatInterval(r.pAbove.p, r.pAbove.lo, r.pAbove.hi),
        r.discretisation,
        r.diverged,
      ]),
    ),
    '',
    'Log-log slope of the median sup-distance against γ (least squares over the sweep, 95 % t interval):',
    '',
    markdownTable(
      ['block', 'slope', '95 % interval'],
      BLOCKS.map((b) => [b, fits[b].value, `[${fits[b].lo.toFixed(3)}, ${fits[b].hi.toFixed(3)}]`]),
    ),
    '',
    'Quantiles of sup² come from GpuReducer histograms on webgpu (resolution (max - min)/2048 in squared units) ' +
      'and are exact on the cpu backend; the sup-distance is their square root.',
  ].join('\n');
  const results = {
    perGamma: rows.map((r) => ({
      gamma: r.gamma,
      full: r.full,
      x: r.x,
      m: r.m,
      v: r.v,
      pAbove: r.pAbove,
      steps: r.steps,
      meanFull: r.meanFull,
      discretisation: r.discretisation,
      quantileResolutionSq: r.quantileResolutionSq,
      diverged: r.diverged,
    })),
    slope: { value: slope.value, lo: slope.lo, hi: slope.hi },
    slopeDetails: fits,
    firstTrajectorySup: example,
    referenceSamples: references.map((r) => r.length / 12),
  };
  return {
    results,
    markdown,
    verdict: verdictOf(rows, slope),
    figures: [...figures(p, rows, slope), pathFigure(p, paths, references)],
  };
}

const COLORS: Record<BlockName, string> = {
  full: '#0072b2',
  x: '#d55e00',
  m: '#009e73',
  v: '#cc79a7',
};

function figures(p: Params, rows: WeakConvergenceRow[], slope: Slope): ExperimentFigure[] {
  const lg = rows.map((r) => r.gamma);
  const first = rows.reduce((a, r) => (r.gamma > a.gamma ? r : a));
  // Reference line of slope 1/2 through the largest γ's median.
  const half = lg.map((g) => first.full.q50 * Math.sqrt(g / first.gamma));
  const supDistance = lineChartSvg({
    title: 'Theorem 4.3: sup_{t ≤ T} ‖z^γ(t) - z(t)‖ against γ',
    subtitle: `median (lines) and 25–75 % band; ${p.trajectories} trajectories per γ, T = ${p.T}, a = ${p.a}, b = ${p.b}; fitted slope (full) ${slope.value.toFixed(3)} [${slope.lo.toFixed(3)}, ${slope.hi.toFixed(3)}]`,
    xLabel: 'γ (log scale)',
    yLabel: 'sup-distance (log scale)',
    xScale: 'log',
    yScale: 'log',
    bands: BLOCKS.map((b) => ({
      x: lg,
      lower: rows.map((r) => r[b].q25),
      upper: rows.map((r) => r[b].q75),
      color: COLORS[b],
    })),
    lines: [
      ...BLOCKS.map((b) => ({
        x: lg,
        y: rows.map((r) => r[b].q50),
        color: COLORS[b],
        label: b === 'full' ? 'z = (x, m, v)' : `${b} block`,
        lineWidth: b === 'full' ? 2.5 : 1.5,
      })),
      { x: lg, y: half, color: '#777777', dash: [4, 3], lineWidth: 1, label: 'slope 1/2 (dashed)' },
    ],
  });
  const probability = lineChartSvg({
    title: `Theorem 4.3: P(sup_{t ≤ T} ‖z^γ(t) - z(t)‖ > ${p.delta}) against γ`,
    subtitle: `${p.trajectories} trajectories per γ; 95 % Wilson band; T = ${p.T}`,
    xLabel: 'γ (log scale)',
    xScale: 'log',
    yLabel: `P(sup > ${p.delta})`,
    yDomain: [0, 1],
    bands: [
      {
        x: lg,
        lower: rows.map((r) => r.pAbove.lo),
        upper: rows.map((r) => r.pAbove.hi),
        color: COLORS.full,
      },
    ],
    lines: [{ x: lg, y: rows.map((r) => r.pAbove.p), color: COLORS.full, label: 'full state' }],
  });
  return [
    {
      name: 'sup-distance',
      caption: 'Median sup-distance (25–75 % band) against γ, log-log',
      svg: supDistance,
    },
    {
      name: 'p-above',
      caption: `P(sup-distance > ${p.delta}) against γ with 95 % Wilson intervals`,
      svg: probability,
    },
  ];
}

/** One trajectory's x_1 (linear interpolation = z^γ) at the largest and smallest γ vs the ODE. */
function pathFigure(p: Params, paths: PathSample[], references: Float64Array[]): ExperimentFigure {
  const last = references.length - 1;
  const ode = references[last] ?? new Float64Array();
  const gammaSmall = p.gammas[last] ?? NaN;
  const samples = ode.length / 12;
  const odeT = Array.from({ length: samples }, (_, n) => n * gammaSmall);
  const odeX = Array.from({ length: samples }, (_, n) => ode[n * 12] ?? NaN);
  const colors = ['#d55e00', '#009e73'];
  const svg = lineChartSvg({
    title: 'One trajectory: x₁ of the interpolated ADAM iterates z^γ(t) against the ODE',
    subtitle: `trajectory 0 of the γ = ${paths.map((q) => q.gamma).join(' and γ = ')} groups (float64 replay with the same draws); x0 = (${p.x0.join(', ')})`,
    xLabel: 't',
    yLabel: 'x₁',
    lines: [
      ...paths.map((q, i) => ({
        x: q.t,
        y: q.x1,
        color: colors[i % colors.length] ?? '#000000',
        label: `ADAM, γ = ${q.gamma}`,
        lineWidth: 1.2,
      })),
      { x: odeT, y: odeX, color: '#000000', label: 'ODE (3.3)', lineWidth: 2, dash: [6, 3] },
    ],
  });
  return { name: 'path', caption: 'x₁ of one trajectory against the ODE solution', svg };
}
