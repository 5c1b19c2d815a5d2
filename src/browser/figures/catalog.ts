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

/**
 * Width / height of the theorem figures (lyapunov, weak-convergence, long-run): a status line
 * and `count` chart panels (1 / 0.55, square under 480 px) with captions in a grid of columns
 * of at least 300 px.
 */
function panelsAspect(count: number) {
  return (width: number): number => {
    const columns = Math.max(1, Math.min(count, Math.floor((width + GAP) / (300 + GAP))));
    const column = (width - (columns - 1) * GAP) / columns;
    const rows = Math.ceil(count / columns);
    const panel = column * (width < 480 ? 1 : 0.55) + CAPTION + 12;
    return width / (28 + rows * panel + (rows - 1) * GAP);
  };
}

/** `count` charts (1 : 0.55, square under 480 px, see style.ts) in a grid of columns ≥ 300 px. */
function chartsAspect(count: number) {
  return (width: number): number => {
    const columns = Math.max(1, Math.min(count, Math.floor((width + GAP) / (300 + GAP))));
    const column = (width - (columns - 1) * GAP) / columns;
    const rows = Math.ceil(count / columns);
    const panel = column * (width < 480 ? 1 : 0.55) + CAPTION;
    return width / (rows * panel + (rows - 1) * GAP + CAPTION);
  };
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
  'landscape',
  'network-ode',
] as const;

/**
 * The landscapes of the `landscape` figure and their default step and horizon (the figure's
 * table, landscape/problems.ts, adds view boxes and minima; test/cpu/landscape.test.ts checks
 * they agree). Open: issue 11 adds neural-network landscapes here.
 */
export const LANDSCAPE_DEFAULTS = {
  'double-well': { gamma: 0.02, T: 10 },
  rosenbrock: { gamma: 0.002, T: 4 },
  regression2d: { gamma: 0.02, T: 15 },
  quartic: { gamma: 0.02, T: 20 },
} as const;
export const LANDSCAPE_PROBLEM_NAMES = Object.keys(
  LANDSCAPE_DEFAULTS,
) as (keyof typeof LANDSCAPE_DEFAULTS)[];
/** The optimizers the landscape figure compares. */
export const LANDSCAPE_OPTIMIZERS = ['adam', 'sgd', 'heavy-ball', 'rmsprop'] as const;
/** γ of the landscape figure: given, or the problem's default. */
const landscapeGamma = (v: Values) =>
  Number(v['gamma'] ?? LANDSCAPE_DEFAULTS[v['problem'] as keyof typeof LANDSCAPE_DEFAULTS].gamma);
const landscapeInverseGamma = { text: '1/γ', of: (v: Values) => 1 / landscapeGamma(v) };

/**
 * The lists of the `playground` figure: the library's problems, optimizers and limit ODEs
 * (PROBLEM_NAMES, OPTIMIZER_NAMES, ODE_KINDS; test/cpu/playground.test.ts checks they are the
 * same, so this small copy for the embed script cannot drift).
 */
export const PLAYGROUND_PROBLEMS = [
  'regression2d',
  'quadratic-diag',
  'quadratic-dense',
  'double-well',
  'rosenbrock',
  'quartic',
  'reddi',
] as const;
export const PLAYGROUND_OPTIMIZERS = [
  'adam',
  'adam-nodebias',
  'adam-decreasing',
  'sgd',
  'sgd-decreasing',
  'heavy-ball',
  'nesterov',
  'adagrad',
  'rmsprop',
  'amsgrad',
] as const;
export const PLAYGROUND_ODES = [
  'adam',
  'adam-autonomous',
  'heavy-ball',
  'heavy-ball-adam',
  'heavy-ball-frozen',
  'gradient-flow',
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
  lyapunov: {
    name: 'lyapunov',
    title: 'The Lyapunov function of the ADAM ODE across b/a = 4',
    description:
      'V(t, z(t)) along the debiased ADAM ODE, its exact derivative against the bound of Lemma 7.5, and what happens when b/a crosses 4.',
    aspectRatio: panelsAspect(3),
    animated: false,
    parameters: {
      problem: choice(['double-well', 'regression2d'], 'double-well', 'the problem F'),
      ratio: number(8, 0.25, 64, 'b/a (β = 1 − bγ); Lemma 7.5 needs b/a ≤ 4'),
      a: number(1, 0.1, 10, 'a (α = 1 − aγ)'),
      epsilon: number(0.05, 1e-8, 1, 'ε of the update (the bound on dV/dt is proportional to ε)'),
      trajectories: integer(8, 1, 64, 'initial points x0 = spread · ζ, ζ ~ N(0, I)'),
      T: number(10, 1, 50, 'horizon of the ODE'),
      seed: seed('1'),
    },
  },
  'weak-convergence': {
    name: 'weak-convergence',
    title: 'Weak convergence of ADAM to its ODE',
    description:
      'The distribution of sup_{t ≤ T} ‖z^γ(t) − z(t)‖ over ADAM trajectories at a step γ, and P(sup > δ) and the median against γ (Theorem 4.3).',
    aspectRatio: panelsAspect(3),
    animated: false,
    parameters: {
      gamma: number(0.01, 0.002, 0.1, 'step γ (α = 1 − 2γ, β = 1 − γ)'),
      delta: number(1.5, 0.05, 10, 'threshold δ of P(sup > δ)'),
      n: integer(512, 16, 8192, 'trajectories per γ (at most 128 on the cpu backend)'),
      T: number(2, 0.5, 5, 'horizon T of the sup'),
      seed: seed('1'),
    },
  },
  'long-run': {
    name: 'long-run',
    title: 'Long run of constant-step ADAM: Cesàro averages',
    description:
      'The Cesàro averages (1/n) Σ P(d(x_k, crit) > δ) of ADAM iterates on the double well for several γ, and the stationary spread against γ.',
    aspectRatio: panelsAspect(2),
    animated: false,
    parameters: {
      gammas: list(['0.2', '0.1', '0.05', '0.02', '0.01'], 'the steps γ compared (at least two)'),
      delta: number(0.1, 0.02, 1, 'threshold δ of the distance to the critical set'),
      sigma: number(0.5, 0.1, 2, 'noise σ of the gradients'),
      n: integer(256, 16, 4096, 'trajectories per γ (at most 64 on the cpu backend)'),
      T: number(20, 2, 100, 'horizon t = nγ, the same for every γ'),
      seed: seed('1'),
    },
  },
  'heavy-ball': {
    name: 'heavy-ball',
    title: 'ADAM as a heavy ball',
    description:
      "A ball on the graph of F moving under ADAM's ODE, with its time-dependent mass and friction, beside the heavy ball with constant friction and gradient flow, all from the same x0.",
    aspectRatio: chartsAspect(3),
    animated: true,
    parameters: {
      problem: choice(['double-well', 'quadratic'], 'double-well', 'F: ¼(x² − 1)² or ½x²'),
      x0: number(-1.9, -2.2, 2.2, 'initial point x0'),
      a: number(1, 0.25, 20, 'a of ADAM (α = 1 − aγ): the mass grows over a time 1/a'),
      b: number(1, 0.05, { text: '4a', of: (v) => 4 * Number(v['a']) }, 'b of ADAM (β = 1 − bγ)'),
      friction: number(0.5, 0, 10, 'friction λ of the heavy ball ẍ + λẋ + ∇F = 0'),
      sigma: number(0.3, 0.01, 2, 'gradient noise σ: S(x) = ∇F(x)² + σ²'),
      T: number(20, 1, 100, 'horizon t'),
      paused: flag('start paused'),
      t: optionalNumber(0, 100, 'the balls roll from t = 0', 'time t shown by the time scrubber'),
    },
  },
  reddi: {
    name: 'reddi',
    title: "Reddi's example: ADAM with fixed β₂ goes the wrong way",
    description:
      'On Reddi, Kale and Kumar’s stochastic problem on [−1, 1] (minimiser −1), ADAM with a fixed β₂ drifts to +1, while AMSGrad and ADAM in the paper’s scaling go to −1.',
    aspectRatio: chartsAspect(2),
    animated: false,
    parameters: {
      C: number(10, 2.5, 50, 'C: f = Cx with probability 2/(C + 1), else −x'),
      gamma: number(0.02, 0.001, 0.1, 'step γ'),
      a: number(10, 0.25, inverseGamma, 'a of the paper scaling (α = 1 − aγ)'),
      b: number(
        1,
        0.01,
        { text: 'min(4a, 1/γ)', of: (v) => Math.min(4 * Number(v['a']), inverseGamma.of(v)) },
        'b of the paper scaling (β = 1 − bγ)',
      ),
      x0: number(0, -1, 1, 'initial point x0'),
      T: number(10, 0.5, 40, 'horizon t = nγ'),
      n: integer(256, 8, 4096, 'trajectories per optimizer (≤ 128 on the cpu backend)'),
      seed: seed('1'),
    },
  },
  saddle: {
    name: 'saddle',
    title: 'Saddle escape on the double well',
    description:
      'From the saddle of the double well, the distribution of the time each optimizer takes to leave it: survival curves and histograms of escape times, with the runs that never escaped counted.',
    aspectRatio: chartsAspect(2),
    animated: false,
    parameters: {
      optimizers: list(['sgd', 'heavy-ball', 'adam', 'rmsprop'], 'the optimizers compared'),
      gamma: number(0.02, 0.001, 0.1, 'step γ (the same for all)'),
      sigma: number(0.1, 0.001, 1, 'gradient noise σ'),
      threshold: number(0.5, 0.05, 0.95, 'escape once x1 leaves [−threshold, threshold]'),
      a: number(10, 0.25, inverseGamma, 'a of ADAM and of the heavy ball (μ = 1 − aγ)'),
      b: number(
        1,
        0.01,
        { text: 'min(4a, 1/γ)', of: (v) => Math.min(4 * Number(v['a']), inverseGamma.of(v)) },
        'b of ADAM and RMSProp (β = 1 − bγ)',
      ),
      T: number(10, 1, 40, 'horizon t = nγ'),
      n: integer(256, 16, 4096, 'trajectories per optimizer (≤ 128 on the cpu backend)'),
      seed: seed('1'),
    },
  },
  landscape: {
    name: 'landscape',
    title: 'Optimizers on a non-convex landscape',
    description:
      'Up to 100,000 particles of ADAM, SGD, heavy ball or RMSProp from one cloud of starting points, drawn live from the GPU over the heat map of F, side by side, with the fraction that reaches each minimum.',
    aspectRatio: gridAspect(3, 4 / 3, 300),
    animated: true,
    parameters: {
      problem: choice(LANDSCAPE_PROBLEM_NAMES, 'double-well', 'the landscape F'),
      left: choice(LANDSCAPE_OPTIMIZERS, 'adam', 'optimizer of the left panel'),
      right: choice(
        ['none', ...LANDSCAPE_OPTIMIZERS],
        'sgd',
        'optimizer of the right panel (none: one panel)',
      ),
      n: optionalInteger(
        1,
        100000,
        '16384 (2048 on a software adapter, 256 on the cpu backend)',
        'particles per panel',
      ),
      gamma: optionalNumber(
        1e-4,
        0.5,
        "the problem's (double-well 0.02, rosenbrock 0.002)",
        'step γ',
      ),
      T: optionalNumber(0.01, 1000, "the problem's", 'horizon t = nγ'),
      a: number(1, 1e-3, landscapeInverseGamma, 'ADAM: α = 1 − aγ'),
      b: number(1, 1e-3, landscapeInverseGamma, 'ADAM, RMSProp: β = 1 − bγ'),
      momentum: number(0.9, 0, 0.999, 'heavy ball: momentum μ'),
      sigma: optionalNumber(1e-3, 10, "the problem's", 'gradient noise σ'),
      x0: numbers([0, 0.5], -100, 100, 'centre of the cloud of initial points'),
      spread: number(0.5, 0, 10, 'standard deviation of the cloud of initial points'),
      seed: seed('1'),
      paused: flag('start paused'),
      t: optionalNumber(0, 1000, 'the run plays live', 'time t = nγ shown by the time scrubber'),
      dataset: choice(
        ['none', 'moons', 'xor', 'blobs', 'digits'],
        'none',
        'network mode: the data set (none: the 2-D problems above; digits: the UCI 8×8 digits, 64 inputs, 10 classes)',
      ),
      hidden: text(
        '16',
        40,
        'network mode: hidden tanh layers, comma-separated widths (16, or 32,16; 1 to 4 layers of 1 to 256 units)',
      ),
      samples: integer(
        256,
        16,
        4096,
        'network mode: samples of a synthetic data set (digits: its 1,797)',
      ),
      resolution: optionalInteger(
        3,
        1025,
        '129 (17 on a software adapter or the cpu backend)',
        'network mode: grid points per axis',
      ),
      runs: integer(3, 1, 8, 'network mode: ADAM-ODE paths drawn'),
      training: optionalInteger(
        0,
        64,
        '16 (8 on a software adapter or the cpu backend)',
        "network mode: ADAM training runs drawn (the ensemble engine, from the ODE paths' initialisations; 0: none)",
      ),
    },
  },
  playground: {
    name: 'playground',
    title: 'Playground',
    description:
      'Any problem, optimizer and limit ODE of the library: an ensemble with its median F and quantile bands against the ODE, with the CLI command and the TypeScript code that reproduce it.',
    aspectRatio: chartAspect,
    animated: false,
    parameters: {
      problem: choice(PLAYGROUND_PROBLEMS, 'regression2d', 'problem (docs/math.md section 6)'),
      dim: optionalInteger(
        1,
        1024,
        "the problem's",
        'dimension d (quadratic-diag, quadratic-dense, quartic)',
      ),
      p: optionalNumber(0.01, 0.99, "the problem's (0.5)", 'regression2d: P(X = 1)'),
      sigma: optionalNumber(1e-4, 100, "the problem's", 'noise level σ'),
      curvature: optionalNumber(
        1e-3,
        100,
        "the problem's (1)",
        'double-well: curvature κ across the wells',
      ),
      optimizer: choice(PLAYGROUND_OPTIMIZERS, 'adam', 'optimizer'),
      gamma: number(0.01, 1e-5, 1, 'step size γ (γ0 for decreasing steps)'),
      a: optionalNumber(1e-3, 1e4, 'the preset (α = 0.9)', 'α = 1 − aγ (adam*, amsgrad)'),
      b: optionalNumber(
        1e-3,
        1e4,
        'the preset (β = 0.999; rmsprop 0.99)',
        'β = 1 − bγ (adam*, amsgrad, rmsprop)',
      ),
      momentum: optionalNumber(0, 0.999, '0.9', 'momentum μ (heavy-ball, nesterov)'),
      kappa: optionalNumber(
        0,
        1,
        "the optimizer's (0; decreasing: 0.5, 0.75)",
        'decreasing steps: γ_n = γ0 n^-κ',
      ),
      eps: optionalNumber(1e-12, 1, '1e-8', 'ε (adam*, adagrad, rmsprop, amsgrad)'),
      ode: choice(PLAYGROUND_ODES, 'adam', 'the limit ODE drawn against the ensemble'),
      lambda: optionalNumber(0, 1e4, 'a = (1 − α)/γ', 'heavy-ball ODE: friction λ'),
      x0: number(1, -100, 100, 'initial point: this value on every coordinate'),
      trajectories: integer(1024, 1, 65536, 'trajectories N (at most 256 on the cpu backend)'),
      steps: integer(1000, 1, 100000, 'steps'),
      seed: seed('1'),
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
