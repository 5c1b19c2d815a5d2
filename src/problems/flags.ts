import { z } from 'zod';
import { ParameterError } from '../errors.ts';
import { PROBLEM_NAMES, type ProblemSpec } from './index.ts';
import type { FieldNaming } from './schema.ts';

/**
 * The problem flags and their schema, shared by the CLI (`adamscope run`, `ode`,
 * `experiment`), the experiments and the pages' URL parameters (kept stable: scripts depend
 * on these names). Config files use the camelCase field of each flag.
 */
export const PROBLEM_FLAGS = {
  problem: 'string',
  dim: 'number',
  p: 'number',
  sigma: 'number',
  'lambda-min': 'number',
  'lambda-max': 'number',
  condition: 'number',
  curvature: 'number',
  'reddi-c': 'number',
  'reddi-delta': 'number',
  'x-star': 'numbers',
} as const;

/** Help text of each problem flag: [description, value hint]. */
export const PROBLEM_FLAG_HELP: Record<string, [string, string]> = {
  problem: ['problem of docs/math.md section 6', PROBLEM_NAMES.join('|')],
  dim: ['dimension d (quadratic-diag, quadratic-dense, quartic)', 'D'],
  p: ['regression2d: P(X = 1), in (0, 1)', 'P'],
  sigma: ['noise level σ > 0', 'SIGMA'],
  'lambda-min': ['quadratic-diag: smallest eigenvalue > 0', 'L'],
  'lambda-max': ['quadratic-diag: largest eigenvalue ≥ lambda-min', 'L'],
  condition: ['quadratic-dense: condition number of Σ ≥ 1', 'K'],
  curvature: ['double-well: curvature κ > 0 across the wells', 'K'],
  'reddi-c': ['reddi: C > 2', 'C'],
  'reddi-delta': ['reddi: δ of the stochastic version', 'DELTA'],
  'x-star': ['minimiser x* (regression2d: two numbers; quadratics: one)', 'X'],
};

const positive = z.number().positive();

/** The problem fields of a flat config (validated further by the problem itself). */
export const problemFields = {
  problem: z.enum(PROBLEM_NAMES as [string, ...string[]]),
  dim: z.number().int().min(1).optional(),
  p: z.number().gt(0).lt(1).optional(),
  sigma: positive.optional(),
  lambdaMin: positive.optional(),
  lambdaMax: positive.optional(),
  condition: z.number().min(1).optional(),
  curvature: positive.optional(),
  reddiC: z.number().gt(2).optional(),
  reddiDelta: z.number().optional(),
  xStar: z.union([z.number(), z.array(z.number()).min(1).max(2)]).optional(),
};

export type ProblemFields = {
  problem: string;
  dim?: number | undefined;
  p?: number | undefined;
  sigma?: number | undefined;
  lambdaMin?: number | undefined;
  lambdaMax?: number | undefined;
  condition?: number | undefined;
  curvature?: number | undefined;
  reddiC?: number | undefined;
  reddiDelta?: number | undefined;
  xStar?: number | number[] | undefined;
};

/** Drops undefined entries (the problem specs use exact optional properties). */
function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

const scalar = (x: number | number[] | undefined) => (Array.isArray(x) ? x[0] : x);

/** Builds the problem spec of `src/problems` from flat config fields. */
export function problemSpec(c: ProblemFields): ProblemSpec {
  switch (c.problem) {
    case 'regression2d': {
      const list = c.xStar === undefined ? undefined : Array.isArray(c.xStar) ? c.xStar : [c.xStar];
      const xs = list?.length === 1 ? [list[0], list[0]] : list;
      return defined({
        name: 'regression2d',
        dimension: c.dim,
        p: c.p,
        sigma: c.sigma,
        xStar: xs as [number, number] | undefined,
      }) as ProblemSpec;
    }
    case 'quadratic-diag':
      return defined({
        name: 'quadratic-diag',
        dimension: c.dim ?? 100,
        lambdaMin: c.lambdaMin,
        lambdaMax: c.lambdaMax,
        sigma: c.sigma,
        xStar: scalar(c.xStar),
      }) as ProblemSpec;
    case 'quadratic-dense':
      return defined({
        name: 'quadratic-dense',
        dimension: c.dim ?? 16,
        condition: c.condition,
        sigma: c.sigma,
        xStar: scalar(c.xStar),
      }) as ProblemSpec;
    case 'double-well':
      return defined({
        name: 'double-well',
        dimension: c.dim,
        kappa: c.curvature,
        sigma: c.sigma,
      }) as ProblemSpec;
    case 'rosenbrock':
      return defined({ name: 'rosenbrock', dimension: c.dim, sigma: c.sigma }) as ProblemSpec;
    case 'quartic':
      return defined({ name: 'quartic', dimension: c.dim ?? 2, sigma: c.sigma }) as ProblemSpec;
    case 'reddi':
      return defined({
        name: 'reddi',
        dimension: c.dim,
        bigC: c.reddiC,
        delta: c.reddiDelta,
      }) as ProblemSpec;
    default:
      throw new Error(`unknown problem ${c.problem}`);
  }
}

/** The problems each problem field applies to (the others have no such parameter). */
export const PROBLEM_FIELD_USERS: Record<string, readonly string[]> = {
  dim: ['quadratic-diag', 'quadratic-dense', 'quartic'],
  p: ['regression2d'],
  sigma: [
    'regression2d',
    'quadratic-diag',
    'quadratic-dense',
    'double-well',
    'rosenbrock',
    'quartic',
  ],
  lambdaMin: ['quadratic-diag'],
  lambdaMax: ['quadratic-diag'],
  condition: ['quadratic-dense'],
  curvature: ['double-well'],
  reddiC: ['reddi'],
  reddiDelta: ['reddi'],
  xStar: ['regression2d', 'quadratic-diag', 'quadratic-dense'],
};

/**
 * Refuses problem fields that do not apply to the chosen problem, and an x* of the wrong
 * length (regression2d: one or two numbers; the quadratics: one number, x* = (v, …, v)).
 * `naming` names the field as the user wrote it (a flag or a config field).
 */
export function checkProblemFields(c: ProblemFields, naming: FieldNaming): void {
  for (const [field, users] of Object.entries(PROBLEM_FIELD_USERS)) {
    const value = (c as Record<string, unknown>)[field];
    if (value === undefined || users.includes(c.problem)) continue;
    throw new ParameterError(
      naming.name([field]),
      value,
      `only with --problem ${users.join('|')} (${c.problem} has no such parameter)`,
      { typed: naming.typed?.(field) },
    );
  }
  if (c.xStar !== undefined) {
    const list = Array.isArray(c.xStar) ? c.xStar : [c.xStar];
    const max = c.problem === 'regression2d' ? 2 : 1;
    if (list.length > max)
      throw new ParameterError(
        naming.name(['xStar']),
        c.xStar,
        max === 2
          ? 'one number (x* = (v, v)) or two numbers for regression2d'
          : `one number for ${c.problem} (x* = (v, …, v))`,
        { typed: naming.typed?.('xStar') },
      );
  }
}
