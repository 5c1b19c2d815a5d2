import { z } from 'zod';
import { ResultError } from '../errors.ts';
import { problemFields, problemSpec } from '../problems/flags.ts';
import { integrateOde } from '../ode/integrateOde.ts';
import { createProblem, PROBLEM_NAMES } from '../problems/index.ts';
import { lineChartSvg } from './figures.ts';
import {
  defaultRtol,
  linspace,
  monotoneTolerance,
  checkListLengths,
  nameList,
  seedField,
  seriesColor,
} from './odeCommon.ts';
import { markdownTable } from './report.ts';
import type { Experiment, ExperimentContext, ExperimentFigure } from './types.ts';

/**
 * Lemma 7.5 (docs/math.md section 4): along the debiased ADAM ODE, V(t, z(t)) = F(x) +
 * (1 - e^{-at})/(2a) Σ m̂²/(ε + √v̂) is non-increasing when b ≤ 4a. For each problem and each
 * ratio b/a, a cloud of initial points is integrated with dopri5 and the largest increase
 * V(t_{j+1}) - V(t_j) between consecutive output times is reported (absolute and relative to
 * max(1, |V(t_j)|)), with where it happened.
 */

/** The problem flags minus `problem` (this experiment takes a list: `problems`). */
const sharedProblemFields = Object.fromEntries(
  Object.entries(problemFields).filter(([name]) => name !== 'problem'),
) as Omit<typeof problemFields, 'problem'>;

const schema = z
  .object({
    ...sharedProblemFields,
    problems: nameList
      .pipe(z.array(z.enum(PROBLEM_NAMES as [string, ...string[]])))
      .default(['double-well', 'regression2d']),
    /** b/a values (b = ratio·a). */
    ratios: z.array(z.number().positive()).min(1).max(16).default([0.5, 1, 2, 4, 8, 16, 64]),
    a: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    /** Initial points per (problem, ratio): x0 = center + spread·ζ (same points for every ratio). */
    trajectories: z.number().int().min(1).max(65536).default(64),
    spread: z.number().min(0).default(1.5),
    /** Cloud centre, one number per coordinate (default the origin). */
    center: z.array(z.number()).optional(),
    T: z.number().positive().default(10),
    /** Output times (equispaced on [0, T]) at which V is compared. */
    outputs: z.number().int().min(3).max(10001).default(201),
    /** dopri5 relative tolerance (default 1e-6 on webgpu, 1e-10 on cpu). */
    rtol: z.number().positive().optional(),
    seed: seedField,
  })
  .strict()
  .superRefine((p, ctx) => checkListLengths(ctx, p, p.problems, ['center']));

type Params = z.infer<typeof schema>;

/** The largest increase of V found for one (problem, b/a). */
interface IncreaseRow {
  problem: string;
  ratio: number;
  a: number;
  b: number;
  maxIncrease: number;
  maxRelativeIncrease: number;
  /** Where the largest relative increase happened. */
  trajectory: number;
  t: number;
  x0: number[];
  /** Trajectories with some relative increase above the tolerance. */
  trajectoriesAboveTolerance: number;
  trajectories: number;
  tolerance: number;
  failedSolves: number;
  /** V(t) of the trajectory `curveTrajectory` (same initial point for every ratio). */
  curve: number[];
}

async function sweepProblem(
  name: string,
  p: Params,
  context: ExperimentContext,
  done: (fraction: number) => void,
): Promise<{ rows: IncreaseRow[]; times: number[] }> {
  const problem = createProblem(problemSpec({ ...p, problem: name }));
  const rtol = p.rtol ?? defaultRtol(context.backend);
  const tolerance = monotoneTolerance(context.backend, rtol);
  const outputTimes = linspace(0, p.T, p.outputs);
  const rows: IncreaseRow[] = [];
  const stored: { V: Float64Array; K: number }[] = [];
  for (const [i, ratio] of p.ratios.entries()) {
    const result = await integrateOde(
      {
        problem,
        ode: 'adam',
        a: p.a,
        b: ratio * p.a,
        epsilon: p.epsilon,
        cloud: {
          count: p.trajectories,
          spread: p.spread,
          seed: p.seed,
          ...(p.center ? { center: p.center } : {}),
        },
        finalTime: p.T,
        method: 'dopri5',
        rtol,
        outputTimes,
        readRecords: true,
        statistics: false,
      },
      context.backend,
    );
    const K = result.times.length;
    const V = result.records.V;
    const d = result.dimension;
    let best = { rel: -Infinity, abs: -Infinity, n: 0, k: 0 };
    let above = 0;
    for (let n = 0; n < result.trajectoryCount; n++) {
      let worst = -Infinity;
      for (let k = 0; k + 1 < K; k++) {
        const before = V[n * K + k] ?? NaN;
        const increase = (V[n * K + k + 1] ?? NaN) - before;
        const rel = increase / Math.max(1, Math.abs(before));
        worst = Math.max(worst, rel);
        if (rel > best.rel) best = { rel, abs: best.abs, n, k };
        best.abs = Math.max(best.abs, increase);
      }
      if (worst > tolerance) above++;
    }
    rows.push({
      problem: name,
      ratio,
      a: p.a,
      b: ratio * p.a,
      maxIncrease: best.abs,
      maxRelativeIncrease: best.rel,
      trajectory: best.n,
      t: result.times[best.k] ?? NaN,
      x0: Array.from(result.initialPoints.subarray(best.n * d, best.n * d + d)),
      trajectoriesAboveTolerance: above,
      trajectories: result.trajectoryCount,
      tolerance,
      failedSolves: result.status.filter((s) => s !== 'done').length,
      curve: [],
    });
    result.warnings
      .filter((w) => !w.includes('Lyapunov'))
      .forEach((w) => context.warn(`${name}, b/a = ${ratio}: ${w}`));
    // V(t) of every trajectory is kept until the plotted trajectory is known (below).
    stored.push({ V, K });
    done((i + 1) / p.ratios.length);
  }
  // The plotted trajectory: the one with the largest increase at the largest ratio.
  const n = rows.at(-1)?.trajectory ?? 0;
  rows.forEach((row, i) => {
    const s = stored[i];
    row.curve = s ? Array.from(s.V.subarray(n * s.K, (n + 1) * s.K)) : [];
  });
  return { rows, times: outputTimes };
}

function figures(
  byProblem: { name: string; rows: IncreaseRow[]; times: number[] }[],
  p: Params,
): ExperimentFigure[] {
  const out: ExperimentFigure[] = byProblem.map(({ name, rows, times }) => ({
    name: `V-${name}`,
    caption: `${name}: V(t, z(t)) of debiased ADAM's ODE from one initial point (the one with the largest increase at b/a = ${p.ratios.at(-1)}), one curve per b/a (a = ${p.a}).`,
    svg: lineChartSvg({
      title: `Lyapunov function along the ODE (${name})`,
      subtitle: `x0 = (${
        rows[0]
          ? rows
              .at(-1)
              ?.x0.map((v) => v.toFixed(2))
              .join(', ')
          : ''
      }), a = ${p.a}`,
      xLabel: 't',
      yLabel: 'V(t, z(t)) (log scale)',
      yScale: 'log',
      lines: rows.map((row, i) => ({
        x: times,
        y: Array.from(row.curve),
        label: `b/a = ${row.ratio}${row.ratio > 4 ? ' (dashed: > 4)' : ''}`,
        color: seriesColor(i),
        ...(row.ratio > 4 ? { dash: [6, 3] } : {}),
      })),
    }),
  }));
  const floor = 1e-16;
  out.unshift({
    name: 'lyapunov-increase',
    caption: `Largest increase of V between consecutive output times, relative to max(1, |V|), over ${p.trajectories} initial points, against log2(b/a); values ≤ ${floor} are drawn at ${floor}. The dashed line is the float tolerance; Lemma 7.5 covers b/a ≤ 4 (log2 = 2).`,
    svg: lineChartSvg({
      title: 'Largest increase of V along the ODE',
      subtitle: 'Lemma 7.5: no increase for b ≤ 4a',
      xLabel: 'log2(b/a)',
      yLabel: 'max relative increase (log scale)',
      yScale: 'log',
      lines: [
        ...byProblem.map(({ name, rows }, i) => ({
          x: rows.map((r) => Math.log2(r.ratio)),
          y: rows.map((r) => Math.max(floor, r.maxRelativeIncrease)),
          label: name,
          color: seriesColor(i),
        })),
        {
          x: p.ratios.map(Math.log2),
          y: p.ratios.map(() => byProblem[0]?.rows[0]?.tolerance ?? floor),
          label: 'float tolerance (dashed)',
          color: '#555555',
          dash: [4, 4],
        },
      ],
    }),
  });
  return out;
}

export const lyapunovExperiment: Experiment<typeof schema> = {
  name: 'lyapunov',
  title: 'Lyapunov function of the ADAM ODE across b/a = 4',
  claim: 'Lemma 7.5',
  summary:
    'V(t, z(t)) = F(x) + (1 - e^{-at})/(2a) Σ m̂²/(ε + √v̂) along solutions of the debiased ADAM ODE (docs/math.md sections 3-4), integrated by dopri5 from a cloud of initial points, for a sweep of b/a across 4. Lemma 7.5 says V is non-increasing when b ≤ 4a; beyond, the guarantee is gone and V may increase. Reported: the largest increase between consecutive output times, absolute and relative to max(1, |V|), and where it happens.',
  usesGenerator: false,
  schema,
  flags: {
    problems: 'string',
    ratios: 'numbers',
    a: 'number',
    epsilon: 'number',
    trajectories: 'number',
    spread: 'number',
    center: 'numbers',
    T: 'number',
    outputs: 'number',
    rtol: 'number',
    dim: 'number',
    p: 'number',
    sigma: 'number',
    'lambda-min': 'number',
    'lambda-max': 'number',
    condition: 'number',
    curvature: 'number',
    'x-star': 'numbers',
  },
  async run(p, context) {
    const byProblem: { name: string; rows: IncreaseRow[]; times: number[] }[] = [];
    for (const [i, name] of p.problems.entries()) {
      const { rows, times } = await sweepProblem(name, p, context, (f) =>
        context.progress((i + f) / p.problems.length),
      );
      byProblem.push({ name, rows, times });
    }
    const rows = byProblem.flatMap((b) => b.rows);
    const unusable = rows.filter(
      (r) => r.failedSolves > 0 || !Number.isFinite(r.maxRelativeIncrease),
    );
    if (unusable.length > 0)
      throw new ResultError(
        `no verdict: ${unusable.map((r) => `${r.problem} b/a = ${r.ratio}: ${r.failedSolves} of ${r.trajectories} solves failed`).join('; ')} (T = ${p.T}: lower --T, or raise --rtol) — a verdict would rest on non-finite V`,
      );
    const covered = rows.filter((r) => r.ratio <= 4);
    const beyond = rows.filter((r) => r.ratio > 4);
    const holds = covered.every((r) => r.maxRelativeIncrease <= r.tolerance && !r.failedSolves);
    const increases = beyond.filter((r) => r.trajectoriesAboveTolerance > 0);
    const verdict =
      (holds
        ? `agrees: for b ≤ 4a no increase of V beyond the tolerance ${covered[0]?.tolerance.toExponential(1)} (relative)`
        : 'DISAGREES: V increased beyond the tolerance for some b ≤ 4a') +
      `; for b > 4a, V increased on ${increases.length} of ${beyond.length} (problem, b/a) cases` +
      (increases.length
        ? ` (largest relative increase ${Math.max(...increases.map((r) => r.maxRelativeIncrease)).toExponential(2)})`
        : '');
    const table = markdownTable(
      [
        'problem',
        'b/a',
        'max ΔV',
        'max ΔV / max(1,|V|)',
        'at t',
        'from x0',
        'trajectories above tol.',
      ],
      rows.map((r) => [
        r.problem,
        r.ratio,
        r.maxIncrease,
        r.maxRelativeIncrease,
        r.t,
        `(${r.x0.map((v) => v.toFixed(2)).join(', ')})`,
        `${r.trajectoriesAboveTolerance} / ${r.trajectories}`,
      ]),
    );
    return {
      results: {
        tolerance: rows[0]?.tolerance,
        rows: rows.map(({ curve: _curve, ...r }) => r),
        curves: byProblem.map(({ name, rows: rs, times }) => ({
          problem: name,
          times,
          trajectory: rs.at(-1)?.trajectory,
          V: Object.fromEntries(rs.map((r) => [String(r.ratio), r.curve])),
        })),
      },
      markdown: `## Largest increase of V per b/a\n\nTolerance (relative to max(1, |V|)): ${rows[0]?.tolerance.toExponential(2)}; ${p.trajectories} initial points per case, T = ${p.T}, ${p.outputs} output times.\n\n${table}\n`,
      verdict,
      figures: figures(byProblem, p),
    };
  },
};
