import { z } from 'zod';
import { problemFields, problemSpec } from '../problems/flags.ts';
import type { OptimizerSpec } from '../optimizers/index.ts';
import { createProblem, PROBLEM_NAMES, type ProblemDescriptor } from '../problems/index.ts';
import {
  checkScaledWeights,
  commonFields,
  fraction,
  logSpacedSteps,
  nameList,
  probeEnsemble,
  type Positions,
} from './ensembleProbes.ts';
import { checkListLengths } from './odeCommon.ts';
import { report, type Curve } from './decreasingStepReport.ts';
import type { Experiment } from './types.ts';
import { rngOf } from './rng.ts';

/**
 * Theorem 5.2 (docs/math.md sections 2 and 5): ADAM with decreasing steps (Algorithm 5.1,
 * γ_n = γ_0 n^(-κ), κ in (1/2, 1], α_n = 1 - aγ_n, β_n = 1 - bγ_n, 0 < b < 4a) converges almost
 * surely to the critical set. Measured at log-spaced n: the fraction of trajectories with
 * dist(x_n, ∇F⁻¹(0)) < δ (95 % Wilson intervals) and the fluctuations
 * RMS_n = sqrt(mean ‖x_n - x*‖²), x* the critical point nearest to x_n (RMS_n = sqrt(mean dist²)),
 * scaled by sqrt(γ_n): for κ < 1 the central limit theorem of stochastic approximation makes
 * RMS_n / sqrt(γ_n) converge. Constant-step ADAM (the same a, b; several γ in one dispatch)
 * keeps fluctuating at RMS ≈ c·sqrt(γ): its converged fraction stalls below 1.
 */

const schema = z
  .object({
    ...commonFields,
    ...problemFields,
    /** Comma list of problems, each run separately (a non-convex and a convex one by default). */
    problem: nameList(PROBLEM_NAMES as [string, ...string[]], 'double-well,regression2d'),
    /** Trajectories per group (the decreasing run, and each constant γ). */
    trajectories: commonFields.trajectories.default(512),
    gamma0: z.number().positive().default(0.2),
    kappa: z.number().gt(0.5).max(1).default(0.55),
    a: z.number().positive().default(2),
    b: z.number().positive().default(1),
    epsilon: z.number().positive().default(1e-8),
    /** Constant steps of the comparison (default γ_0 and γ_0/10). */
    gammas: z.array(z.number().positive()).min(1).max(8).optional(),
    /** n_max. */
    steps: z.number().int().min(10).max(5_000_000).default(10000),
    /** Log-spaced probes n from 10 to steps. */
    probes: z.number().int().min(2).max(200).default(25),
    delta: z.number().positive().default(0.1),
    x0: z.union([z.number(), z.array(z.number())]).default(0),
    /** Standard deviation of the initial cloud around x0. */
    spread: z.number().min(0).default(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!(p.b < 4 * p.a))
      ctx.addIssue({ code: 'custom', path: ['b'], message: 'Theorem 5.2 needs 0 < b < 4a' });
    checkScaledWeights(ctx, p, [p.gamma0, ...(p.gammas ?? [])]);
    checkListLengths(ctx, p, p.problem, ['x0'], true);
  });

type Params = z.infer<typeof schema>;

function constantGammas(p: Params): number[] {
  return p.gammas ?? [p.gamma0, p.gamma0 / 10];
}

/** Fraction within δ of the critical set and RMS distance, for trajectories [from, from + count). */
function measure(
  problem: ProblemDescriptor,
  pos: Positions,
  from: number,
  count: number,
  delta: number,
) {
  const d = pos.dimension;
  let inside = 0;
  let sumSq = 0;
  for (let i = from; i < from + count; i++) {
    const distSq = problem.criticalDistanceSq(pos.x.subarray(i * d, (i + 1) * d));
    sumSq += distSq;
    if (distSq < delta * delta) inside++;
  }
  return { converged: fraction(inside, count), rms: Math.sqrt(sumSq / count) };
}

function curve(problem: string, label: string, gamma: number | undefined): Curve {
  return { problem, label, gamma, n: [], t: [], gammaN: [], converged: [], rms: [], scaled: [] };
}

export const decreasingStepExperiment: Experiment<typeof schema> = {
  name: 'decreasing-step',
  title: 'Decreasing-step ADAM converges; constant steps keep fluctuating',
  claim: 'Theorem 5.2',
  summary:
    'ADAM with γ_n = γ_0 n^(-κ), α_n = 1 - aγ_n, β_n = 1 - bγ_n (Algorithm 5.1, 0 < b < 4a) on a non-convex and a convex problem: ' +
    'the fraction of trajectories within δ of the critical set (95 % Wilson intervals) tends to 1 and the fluctuations ' +
    'RMS ‖x_n - x*‖ shrink like sqrt(γ_n) (RMS/sqrt(γ_n) stabilises), while constant-step ADAM keeps fluctuating at ≈ c·sqrt(γ).',
  schema,
  flags: {
    trajectories: 'number',
    problem: 'string',
    sigma: 'number',
    curvature: 'number',
    p: 'number',
    'x-star': 'numbers',
    dim: 'number',
    'lambda-min': 'number',
    'lambda-max': 'number',
    gamma0: 'number',
    kappa: 'number',
    a: 'number',
    b: 'number',
    epsilon: 'number',
    gammas: 'numbers',
    steps: 'number',
    probes: 'number',
    delta: 'number',
    x0: 'numbers',
    spread: 'number',
  },
  async run(p, context) {
    const probeSteps = logSpacedSteps(10, p.steps, p.probes);
    const gammas = constantGammas(p);
    const curves: Curve[] = [];
    const diverged: Record<string, number[]> = {};
    const runs = p.problem.length * 2;
    for (const [k, name] of p.problem.entries()) {
      const spec = problemSpec({ ...p, problem: name });
      const problem = createProblem(spec);
      const base = {
        problem: spec,
        seed: p.seed,
        ...rngOf(context),
        x0: p.x0,
        initialSpread: p.spread,
        stepsPerDispatch: 256,
      };
      const schedule = curve(name, `decreasing γ_n = ${p.gamma0}·n^-${p.kappa}`, undefined);
      const decreasing: OptimizerSpec = {
        name: 'adam-decreasing',
        gamma: p.gamma0,
        kappa: p.kappa,
        a: p.a,
        b: p.b,
        epsilon: p.epsilon,
      };
      let t = 0;
      let done = 0;
      const scheduled = await probeEnsemble(
        { ...base, optimizer: decreasing, trajectories: p.trajectories },
        context.backend,
        probeSteps,
        ({ step, positions }) => {
          for (; done < step; done++) t += p.gamma0 * (done + 1) ** -p.kappa;
          const gammaN = p.gamma0 * step ** -p.kappa;
          push(schedule, step, t, gammaN, measure(problem, positions, 0, p.trajectories, p.delta));
        },
        { progress: (f) => context.progress((2 * k + f) / runs) },
      );
      const constant = gammas.map((g) => curve(name, `constant γ = ${g}`, g));
      const fixed = await probeEnsemble(
        {
          ...base,
          optimizer: {
            name: 'adam',
            gamma: gammas[0] ?? p.gamma0,
            a: p.a,
            b: p.b,
            epsilon: p.epsilon,
          },
          hyperGrid: gammas.map((gamma) => ({ gamma })),
          trajectories: p.trajectories * gammas.length,
        },
        context.backend,
        probeSteps,
        ({ step, positions }) =>
          constant.forEach((c, j) => {
            const m = measure(problem, positions, j * p.trajectories, p.trajectories, p.delta);
            push(c, step, step * (c.gamma ?? NaN), c.gamma ?? NaN, m);
          }),
        { progress: (f) => context.progress((2 * k + 1 + f) / runs) },
      );
      for (const [label, run] of [
        ['decreasing', scheduled],
        ['constant', fixed],
      ] as const) {
        run.warnings.forEach((w) => context.warn(`${name} ${label}: ${w}`));
        diverged[`${name} ${label}`] = run.diverged;
        if (run.diverged.some((d) => d > 0))
          context.warn(`${name} ${label}: diverged trajectories: ${run.diverged.join(', ')}`);
      }
      curves.push(schedule, ...constant);
    }
    return report(p, gammas, curves, diverged);
  },
};

function push(c: Curve, n: number, t: number, gammaN: number, m: ReturnType<typeof measure>) {
  c.n.push(n);
  c.t.push(t);
  c.gammaN.push(gammaN);
  c.converged.push(m.converged);
  c.rms.push(m.rms);
  c.scaled.push(m.rms / Math.sqrt(gammaN));
}
