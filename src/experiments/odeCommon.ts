import { z } from 'zod';
import type { Backend } from '../backend/index.ts';
import { problemSpec } from '../problems/flags.ts';
import { createProblem } from '../problems/index.ts';

/**
 * Helpers shared by the ODE-based experiments (lyapunov, debiasing, autonomous-vs-debiased,
 * rates): backend mapping, float tolerances, grids, least-squares fits and plot colours.
 */

/** float32 and float64 unit roundoff. */
export const U32 = 2 ** -24;
export const U64 = 2 ** -53;

/** Solver tolerance that makes sense on a backend: float32 cannot use rtol below ~1e-6. */
export function defaultRtol(backend: Backend): number {
  return backend.kind === 'webgpu' ? 1e-6 : 1e-10;
}

/**
 * Relative tolerance of "V (or F) did not increase" between two output times, as a multiple
 * of max(1, |V|): the evaluation of V in float32 (8 ulp, docs/numerics.md "Lyapunov function
 * on the GPU") or float64 (64 ulp), plus the solver's local error scale rtol (dense output is
 * accurate to about rtol relative).
 */
export function monotoneTolerance(backend: Backend, rtol: number): number {
  return backend.kind === 'webgpu' ? 16 * U32 + rtol : 64 * U64 + 10 * rtol;
}

/** n equispaced values from `from` to `to` inclusive. */
export function linspace(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (n === 1 ? to : from + ((to - from) * k) / (n - 1)));
}

/** n log-spaced values from `from` to `to` inclusive (both > 0; the ends are exact). */
export function logspace(from: number, to: number, n: number): number[] {
  const values = linspace(Math.log(from), Math.log(to), n).map(Math.exp);
  if (n > 1) values[0] = from;
  if (n > 0) values[n - 1] = to;
  return values;
}

/** Ordinary least squares y = intercept + slope·x with the slope's standard error. */
export interface LinearFit {
  slope: number;
  intercept: number;
  slopeStdError: number;
  points: number;
}

/** Least-squares line through the finite (x, y) pairs (at least 3). */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const pairs = xs
    .map((x, i) => [x, ys[i] ?? NaN] as const)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const n = pairs.length;
  if (n < 3) return { slope: NaN, intercept: NaN, slopeStdError: NaN, points: n };
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of pairs) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const rss = pairs.reduce((s, [x, y]) => s + (y - intercept - slope * x) ** 2, 0);
  return { slope, intercept, slopeStdError: Math.sqrt(rss / (n - 2) / sxx), points: n };
}

/** A colour per series (colour-blind safe, Okabe–Ito). */
export const SERIES_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

/** The i-th series colour (cycling). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] ?? '#000000';
}

/** A comma list of names from a flag ("a,b") or a config array. */
export const nameList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : v,
  z.array(z.string()).min(1),
);

/** Seed of an experiment (number or string, as `adamscope run`). */
export const seedField = z.union([z.number(), z.string().min(1)]).default(1);

/** Largest value of `values` and its index (NaN entries skipped; -Infinity, -1 when none). */
export function argMax(values: ArrayLike<number>): { value: number; index: number } {
  let value = -Infinity;
  let index = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (v > value) {
      value = v;
      index = i;
    }
  }
  return { value, index };
}

/**
 * x* of the problems used by the ODE experiments: regression2d's (3, 1) unless `xStar` is
 * given, else every coordinate at `xStar` (one number, or the first of a list; default 0).
 */
export function problemMinimiser(
  p: { problem: string; xStar?: number | number[] | undefined },
  d: number,
): number[] {
  if (p.problem === 'regression2d') {
    const x = p.xStar;
    return x === undefined ? [3, 1] : Array.isArray(x) ? x : [x, x];
  }
  const x = Array.isArray(p.xStar) ? (p.xStar[0] ?? 0) : (p.xStar ?? 0);
  return new Array<number>(d).fill(x);
}

/**
 * Schema check of list fields against the dimension of each problem of an experiment: a
 * list must hold d numbers (or one, where `single` allows it). Problems whose own fields
 * are wrong are left to the problem's validation.
 */
export function checkListLengths(
  ctx: z.RefinementCtx,
  p: Record<string, unknown>,
  problems: readonly string[],
  fields: readonly string[],
  single = false,
): void {
  for (const name of problems) {
    let d: number;
    try {
      d = createProblem(problemSpec({ ...(p as { problem: string }), problem: name })).dimension;
    } catch {
      continue;
    }
    for (const field of fields) {
      const value = p[field];
      if (!Array.isArray(value) || value.length === d || (single && value.length === 1)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${single ? 'one number or ' : ''}${d} numbers for ${name} (d = ${d}); this list has ${value.length}`,
      });
      return;
    }
  }
}
