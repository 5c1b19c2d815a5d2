/**
 * What is known of each figure before its code loads: title, description, size and the schema
 * of its parameters (the URL parameters of its gallery page, the attributes of
 * `<adamscope-figure>`): one rule per parameter (schema.ts), read by `readFigureParameters`.
 * Small on purpose: the embed script carries it to draw posters and to check parameters; the
 * figure code is a separate chunk.
 */
import {
  choice,
  integer,
  list,
  number,
  numbers,
  optionalInteger,
  optionalNumber,
  readParameters,
  text,
  flag,
  type Values,
  type ValuesOf,
} from './schema.ts';
import type { FigureInfo } from './types.ts';

/** Height of a caption under a panel, in CSS pixels (about three lines). */
const CAPTION = 60;
const GAP = 16;

/** Width / height of `count` panels of aspect `panel` in a grid of columns ≥ `minColumn` px. */
function gridAspect(count: number, panel: number, minColumn: number) {
  return (width: number): number => {
    const columns = Math.max(1, Math.min(count, Math.floor((width + GAP) / (minColumn + GAP))));
    const column = (width - (columns - 1) * GAP) / columns;
    const rows = Math.ceil(count / columns);
    return width / (rows * (column / panel + CAPTION) + (rows - 1) * GAP);
  };
}

/** One chart of aspect 1 / 0.55 (square under 480 px, see style.ts) and its caption. */
function chartAspect(width: number): number {
  return width / (width * (width < 480 ? 1 : 0.55) + 2 * CAPTION);
}

const seed = (fallback: string) => text(fallback, 64, 'seed of the random draws');
/** Bounds that depend on γ and a (read before them). */
const inverseGamma = { text: '1/γ', of: (v: Values) => 1 / Number(v['gamma']) };
const inverseAGamma = {
  text: '1/(aγ)',
  of: (v: Values) => 1 / Number(v['a']) / Number(v['gamma']),
};

/** The experiments of `EXPERIMENTS` (test/cpu/figureParams.test.ts checks the list). */
export const EXPERIMENT_NAMES = [
  'weak-convergence',
  'ergodic',
  'lyapunov',
  'debiasing',
  'autonomous-vs-debiased',
  'rates',
  'decreasing-step',
  'saddle',
  'reddi',
] as const;

export const FIGURE_INFO = {
  random: {
    name: 'random',
    title: 'Random streams',
    description:
      'Uniform, normal and Bernoulli draws of the counter-based Philox generator, made on the GPU and checked against their laws.',
    aspectRatio: gridAspect(3, 1.6, 300),
    animated: false,
    parameters: {
      dist: list(['uniform', 'normal', 'bernoulli'], 'the laws drawn, one histogram each'),
      n: choice(
        ['4096', '16384', '65536', '262144', '1048576', '4194304'],
        '65536',
        'sample size: 2^12, 2^14, ..., 2^22',
      ),
      seed: seed('42'),
      p: number(0.3, 0, 1, 'Bernoulli p'),
    },
  },
  regression: {
    name: 'regression',
    title: 'ADAM and its ODE on a 2-D regression',
    description:
      'Thousands of ADAM trajectories as a live particle cloud following the solution of the non-autonomous ODE, and F(x(t)) of the ensemble against the ODE.',
    aspectRatio: gridAspect(2, 4 / 3, 300),
    animated: true,
    parameters: {
      gamma: number(0.01, 1e-4, 0.5, 'step γ'),
      a: number(1, 1e-3, inverseGamma, 'α = 1 − aγ'),
      b: number(1, 1e-3, inverseGamma, 'β = 1 − bγ'),
      n: integer(4096, 1, 2 ** 20, 'trajectories (at most 256 on the cpu backend)'),
      seed: seed('1'),
      T: number(15, 0.01, 1000, 'horizon t = nγ'),
      p: number(0.3, 0.01, 0.99, 'Bernoulli p of the data'),
      sigma: number(1, 1e-3, 100, 'noise σ of the data'),
      x0: numbers([0, 0], -100, 100, 'initial point x0'),
      paused: flag('start paused'),
      t: optionalNumber(0, 1000, 'the run plays live', 'time t = nγ shown by the time scrubber'),
    },
  },
  debiasing: {
    name: 'debiasing',
    title: 'Why ADAM debiases',
    description:
      'From a start near the optimum, F never rises above F(x0) along the debiased ODE, while ADAM without bias correction overshoots at a finite step.',
    aspectRatio: chartAspect,
    animated: true,
    parameters: {
      gamma: number(0.01, 1e-4, 0.1, 'step γ'),
      a: number(10, 0.01, inverseGamma, 'α = 1 − aγ'),
      ratio: number(
        0.001,
        1e-4,
        { text: 'min(16, 1/(aγ))', of: (v) => Math.min(16, inverseAGamma.of(v)) },
        'b/a (β = 1 − bγ)',
      ),
      n: integer(2048, 2, 2 ** 18, 'trajectories per group (at most 128 on the cpu backend)'),
      seed: seed('1'),
      T: number(3, 0.1, 100, 'horizon t = nγ'),
    },
  },
  'dimension-100': {
    name: 'dimension-100',
    title: 'ADAM ODEs in dimension 100',
    description:
      'A stochastic quadratic in dimension 100: the autonomous and non-autonomous ADAM ODEs against ADAM with and without debiasing at a small step.',
    aspectRatio: chartAspect,
    animated: true,
    parameters: {
      gamma: number(0.005, 1e-4, 0.05, 'step γ'),
      a: number(10, 0.01, inverseGamma, 'α = 1 − aγ'),
      ratio: number(0.1, 1e-4, inverseAGamma, 'b/a (β = 1 − bγ)'),
      n: integer(1024, 2, 2 ** 16, 'trajectories per group (at most 16 on the cpu backend)'),
      seed: seed('1'),
      T: number(20, 0.1, 500, 'horizon t = nγ'),
    },
  },
  theorems: {
    name: 'theorems',
    title: 'Theorem lab',
    description:
      'Runs an experiment of the theorem lab at a small size in the page: its verdict, its tables and its figures.',
    aspectRatio: 4 / 3,
    animated: false,
    parameters: {
      experiment: choice(EXPERIMENT_NAMES, 'weak-convergence', 'the experiment of EXPERIMENTS'),
      trajectories: optionalInteger(
        1,
        4096,
        'the small size of the experiment',
        'trajectories (absent: the small size of the experiment)',
      ),
    },
  },
} as const satisfies Record<string, FigureInfo>;

/** The name of a figure. */
export type FigureName = keyof typeof FIGURE_INFO;

/** The figure names, in gallery order. */
export const FIGURE_NAMES = Object.keys(FIGURE_INFO) as FigureName[];

/** Parameters every figure takes (URL and attributes): `backend=cpu` forces the CPU backend. */
export const COMMON_PARAMETERS = {
  backend: choice(['webgpu', 'cpu'], 'webgpu', 'the backend (cpu: the float64 CPU twin)'),
};

/**
 * Parameters of the gallery pages only: `embed` hides the page chrome (any value). The pages'
 * figure mount accepts it without a notice; the element has no such attribute.
 */
export const PAGE_PARAMETERS = ['embed'] as const;

/** True when `name` is a figure of the catalog. */
export function isFigureName(name: string): name is FigureName {
  return Object.hasOwn(FIGURE_INFO, name);
}

/** The typed parameters of the figure `N`, `backend` included. */
export type FigureParameters<N extends FigureName> = ValuesOf<
  (typeof FIGURE_INFO)[N]['parameters'] & typeof COMMON_PARAMETERS
>;

/**
 * Reads the parameters of the figure `name` (and `backend`) from raw strings, URL parameters
 * or attributes, under its schema: typed values, with the default in place of every invalid
 * value, and one line per invalid value (`invalid n = "abc": allowed an integer in [1,
 * 1048576]; using the default n = 4096`). Names the figure does not know are not read.
 *
 * @example
 * const { values, problems } = readFigureParameters('regression', { gamma: '0.02' });
 */
export function readFigureParameters<N extends FigureName>(
  name: N,
  params: Readonly<Record<string, string>>,
): { values: FigureParameters<N>; problems: string[] } {
  const schema = { ...FIGURE_INFO[name].parameters, ...COMMON_PARAMETERS };
  return readParameters(schema, params) as { values: FigureParameters<N>; problems: string[] };
}
