import { z } from 'zod';
import { ParameterError } from '../errors.ts';
import { NETWORK_PROBLEM_NAMES, PROBLEM_NAMES, type ProblemSpec } from './index.ts';
import { networkSpecFromFields, NETWORK_FIELD_USERS, type NetworkFields } from './network/flags.ts';
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
  dataset: 'string',
  hidden: 'numbers',
  batch: 'number',
  init: 'string',
  samples: 'number',
  'data-noise': 'number',
  'label-noise': 'number',
  classes: 'number',
  'test-fraction': 'number',
  'data-seed': 'string',
} as const;

/** Help text of each problem flag: [description, value hint]. */
export const PROBLEM_FLAG_HELP: Record<string, [string, string]> = {
  problem: [
    'problem of docs/math.md section 6',
    [...PROBLEM_NAMES, ...NETWORK_PROBLEM_NAMES].join('|'),
  ],
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
  dataset: [
    'mlp, logistic: data set (docs/network.md); a CSV file: numeric features, last column integer labels',
    'moons|xor|blobs|digits|FILE.csv',
  ],
  hidden: ['mlp: hidden layer widths (tanh units), default 16', 'W1,W2,…'],
  batch: ['mlp, logistic: mini-batch size B (drawn with replacement), default 1', 'B'],
  init: ['mlp, logistic: initialisation of the weights, default glorot', 'glorot|he'],
  samples: ['moons, xor, blobs: number of samples (train + test), default 512', 'N'],
  'data-noise': ['moons, blobs: std of the points around the curves / centres', 'S'],
  'label-noise': ['moons, xor, blobs: fraction of labels flipped to another class', 'P'],
  classes: ['blobs: number of classes k ≥ 2, default 3', 'K'],
  'test-fraction': [
    'mlp, logistic: fraction of the data held out for the test split, default 0.2',
    'F',
  ],
  'data-seed': ['mlp, logistic: seed of the synthetic data and of the train/test split', 'SEED'],
};

const positive = z.number().positive();

/** The problem fields of a flat config (validated further by the problem itself). */
export const problemFields = {
  problem: z.enum([...PROBLEM_NAMES, ...NETWORK_PROBLEM_NAMES] as [string, ...string[]]),
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
  dataset: z.string().min(1).optional(),
  hidden: z.array(z.number().int().min(1)).min(1).max(15).optional(),
  batch: z.number().int().min(1).optional(),
  init: z.enum(['glorot', 'he']).optional(),
  samples: z.number().int().min(2).optional(),
  dataNoise: z.number().min(0).optional(),
  labelNoise: z.number().min(0).max(1).optional(),
  classes: z.number().int().min(2).optional(),
  testFraction: z.number().min(0).lt(1).optional(),
  dataSeed: z.union([z.number(), z.string().min(1)]).optional(),
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
} & NetworkFields;

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
    case 'mlp':
    case 'logistic':
      return networkSpecFromFields(c);
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
  ...NETWORK_FIELD_USERS,
};

/**
 * Refuses problem fields that do not apply to the chosen problem, and an x* of the wrong
 * length (regression2d: one or two numbers; the quadratics: one number, x* = (v, …, v)).
 * `naming` names the field as the user wrote it (a flag or a config field).
 */
export function checkProblemFields(c: ProblemFields, naming: FieldNaming): void {
  for (const [field, users] of Object.entries(PROBLEM_FIELD_USERS)) {
    const value = (c as unknown as Record<string, unknown>)[field];
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
