/**
 * What is known of each figure before its code loads: title, description, size and parameters
 * (the URL parameters of its gallery page, the attributes of `<adamscope-figure>`). Small on
 * purpose: the embed script carries it to draw posters; the figure code is a separate chunk.
 */
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

const seed = (fallback: string) => ({ default: fallback, description: 'seed of the random draws' });

export const FIGURE_INFO = {
  random: {
    name: 'random',
    title: 'Random streams',
    description:
      'Uniform, normal and Bernoulli draws of the counter-based Philox generator, made on the GPU and checked against their laws.',
    aspectRatio: gridAspect(3, 1.6, 300),
    animated: false,
    parameters: {
      dist: {
        default: 'uniform,normal,bernoulli',
        description: 'comma list of uniform, normal, bernoulli',
      },
      n: {
        default: '65536',
        description: 'sample size: 2^12, 2^14, ..., 2^22',
        choices: ['4096', '16384', '65536', '262144', '1048576', '4194304'],
      },
      seed: seed('42'),
      p: { default: '0.3', description: 'Bernoulli p in [0, 1]' },
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
      gamma: { default: '0.01', description: 'step γ in [0.0001, 0.5]' },
      a: { default: '1', description: 'a in [0.001, 1/γ] (α = 1 − aγ)' },
      b: { default: '1', description: 'b in [0.001, 1/γ] (β = 1 − bγ)' },
      n: {
        default: '4096',
        description: 'trajectories, an integer in [1, 2^20] (at most 256 on the cpu backend)',
      },
      seed: seed('1'),
      T: { default: '15', description: 'horizon t = nγ in [0.01, 1000]' },
      p: { default: '0.3', description: 'Bernoulli p of the data in [0.01, 0.99]' },
      sigma: { default: '1', description: 'noise σ in [0.001, 100]' },
      x0: { default: '0,0', description: 'initial point, two numbers' },
      paused: { default: '', description: 'flag: start paused' },
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
      gamma: { default: '0.01', description: 'step γ in [0.0001, 0.1]' },
      ratio: { default: '0.001', description: 'b/a in [0.0001, min(16, 1/(aγ))]' },
      a: { default: '10', description: 'a in [0.01, 1/γ]' },
      n: {
        default: '2048',
        description: 'trajectories per group in [2, 2^18] (at most 128 on the cpu backend)',
      },
      seed: seed('1'),
      T: { default: '3', description: 'horizon in [0.1, 100]' },
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
      ratio: { default: '0.1', description: 'b/a in [0.0001, 1/(aγ)]' },
      a: { default: '10', description: 'a in [0.01, 1/γ]' },
      gamma: { default: '0.005', description: 'step γ in [0.0001, 0.05]' },
      n: {
        default: '1024',
        description: 'trajectories per group in [2, 2^16] (at most 16 on the cpu backend)',
      },
      seed: seed('1'),
      T: { default: '20', description: 'horizon in [0.1, 500]' },
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
      experiment: { default: 'weak-convergence', description: 'an experiment of EXPERIMENTS' },
      trajectories: {
        default: '',
        description: 'trajectories (default: a small size per experiment)',
      },
    },
  },
} as const satisfies Record<string, FigureInfo>;

/** The name of a figure. */
export type FigureName = keyof typeof FIGURE_INFO;

/** The figure names, in gallery order. */
export const FIGURE_NAMES = Object.keys(FIGURE_INFO) as FigureName[];

/** Parameters every figure takes: `backend=cpu` forces the float64 CPU backend. */
export const COMMON_PARAMETERS = ['backend'] as const;

/** True when `name` is a figure of the catalog. */
export function isFigureName(name: string): name is FigureName {
  return Object.hasOwn(FIGURE_INFO, name);
}
