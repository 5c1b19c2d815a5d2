import { PROBLEM_FLAG_HELP } from '../problems/flags.ts';

/**
 * What each experiment flag means, for `adamscope experiment <name> --help` (the allowed
 * values and the default come from the experiment's schema). `FLAG_HELP` holds the meaning
 * shared by the experiments; `EXPERIMENT_FLAG_HELP` what differs per experiment.
 */
export const FLAG_HELP: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PROBLEM_FLAG_HELP).map(([flag, [text]]) => [flag, text])),
  problem: 'problem of docs/math.md section 6',
  trajectories: 'independent trajectories per setting',
  gammas: 'the step sizes γ compared (comma list)',
  gamma: 'step size γ',
  T: 'final time T (physical time t = nγ)',
  a: 'a of the paper scaling α = 1 - aγ (1/time)',
  b: 'b of the paper scaling β = 1 - bγ (1/time; b ≤ 4a for the Lyapunov function)',
  epsilon: 'ε of ADAM, outside the square root',
  x0: 'initial point (comma list of d numbers)',
  delta: 'threshold δ of the measured probability',
  'steps-per-dispatch': 'steps fused into one GPU dispatch',
  probes: 'number of times n at which the statistic is read',
  spread: 'standard deviation of the cloud of initial points',
  rtol: 'dopri5 relative tolerance (default: 1e-6 on webgpu, 1e-10 on cpu)',
  atol: 'dopri5 absolute tolerance',
  outputs: 'output times of the ODE (equispaced on [0, T])',
  records: 'records of the ensemble over [0, T]',
};

/** Help of the data and network flags shared by landscape and network-ode. */
const NETWORK_FLAG_HELP = {
  dataset: 'data set of the network (moons, xor, blobs, digits)',
  samples: 'samples of a synthetic data set (train + test)',
  noise: 'jitter of the synthetic points',
  'label-noise': 'probability that a label is replaced by another class',
  'data-seed': 'seed of the synthetic data set',
  hidden: 'hidden widths of the tanh MLP (comma list; empty: logistic regression)',
  batch: 'mini-batch size B (S_B = ∇F² + (S − ∇F²)/B in the ODE)',
  init: 'initial weights: glorot or he',
  alpha: 'α of ADAM (a = (1 − α)/γ)',
  beta: 'β of ADAM (b = (1 − β)/γ)',
};

export const EXPERIMENT_FLAG_HELP: Record<string, Record<string, string>> = {
  'weak-convergence': {
    delta: 'threshold δ of P(sup over [0, T] of ‖z^γ(t) − z(t)‖ > δ)',
    x0: 'initial point z(0) = (x0, 0, 0) of the ensemble and the ODE',
  },
  ergodic: {
    delta: 'radius δ of P(d(x_k, critical set) > δ)',
    probes: 'values of n at which the Cesàro average is read',
  },
  lyapunov: {
    problems: 'problems swept (comma list of names)',
    ratios: 'values of b/a swept (b = ratio · a)',
    center: 'centre of the cloud of initial points (default the origin)',
    outputs: 'output times at which V is compared (equispaced on [0, T])',
  },
  debiasing: {
    delta: 'margin δ of the check F(x_n) ≤ (1 + δ) F(x0)',
    replayed: 'trajectories replayed in float64 (cpu oracle) for the table',
    'ode-trajectories': 'initial points of the ODE cloud',
    'ode-spread': 'spread of the ODE cloud around x0',
  },
  'autonomous-vs-debiased': {
    ratios: 'values of b/a compared (b = ratio · a)',
    x0: 'initial point: every coordinate equal to this number',
  },
  rates: {
    'fit-from': 'fraction of [0, T] after which the exponential rate is fitted',
    'quartic-dim': 'dimension of the quartic case',
    'quartic-sigma': 'noise σ of the quartic case',
    'quartic-center': 'centre of the quartic cloud (every coordinate)',
    'quartic-spread': 'spread of the quartic cloud',
    'quartic-t': 'final time of the quartic case',
    'quartic-fit-from': 'fraction of [0, T] after which the t^(-1/2) rate is fitted',
  },
  'decreasing-step': {
    problem: 'problems (comma list of names)',
    gamma0: 'γ0 of the schedule γ_n = γ0 n^-κ',
    kappa: 'exponent κ of the schedule γ_n = γ0 n^-κ',
    gammas: 'several γ0 compared (instead of --gamma0)',
    steps: 'steps n of each trajectory',
    probes: 'values of n at which the fractions are read',
    delta: 'radius δ of "converged": d(x_n, critical set) < δ',
    x0: 'initial point (one number: every coordinate)',
  },
  saddle: {
    optimizers: 'optimizers compared (comma list: sgd, heavy-ball, adam, rmsprop, …)',
    threshold: 'escape: |x_1| beyond this distance from the saddle',
    momentum: 'momentum μ of heavy-ball (default 0.9)',
    'probe-every': 'steps between escape checks',
    x0: 'initial point near the saddle (two numbers)',
  },
  reddi: {
    delta: 'threshold δ of the distance to the minimiser at T',
    x0: 'initial point in [-1, 1]',
    'time-points': 'times at which the distance is recorded',
  },
  landscape: {
    ...NETWORK_FLAG_HELP,
    resolution: 'grid points per axis (odd: the centre is a cell; ≥ 256 for the figure)',
    span: 'the grid covers a, b in [-span, span] (filter-normalised units)',
    runs: 'ADAM-ODE paths from seeded initialisations (the first one ends at the centre)',
    'training-runs':
      'ADAM training runs (ensemble engine, --backend) from the same initialisations, n = T/γ steps, drawn thin (0: none)',
    T: 'final time of the ODE paths (and n = T/γ steps of the training runs)',
    dt: 'RK4 step of the ODE paths (float64 twin)',
  },
  'network-ode': {
    ...NETWORK_FLAG_HELP,
    T: 'final time T = nγ',
    records: 'records of the ensemble over [0, T]',
    tolerance: 'allowed gap beyond 3 standard errors of the median, relative to F(x0)',
  },
};

/** One example command per experiment (the README's). */
export const EXPERIMENT_EXAMPLES: Record<string, string> = {
  'weak-convergence':
    'adamscope experiment weak-convergence --gammas 0.1,0.01,0.001 --trajectories 4096 --delta 1.5 --out out/weak-convergence',
  ergodic: 'adamscope experiment ergodic --gammas 0.2,0.05,0.01 --delta 0.1 --out out/ergodic',
  lyapunov: 'adamscope experiment lyapunov --ratios 1,4,16 --trajectories 32 --out out/lyapunov',
  debiasing: 'adamscope experiment debiasing --gammas 0.01,0.04 --out out/debiasing',
  'autonomous-vs-debiased':
    'adamscope experiment autonomous-vs-debiased --dim 100 --ratios 0.01,1 --out out/autonomous-vs-debiased',
  rates: 'adamscope experiment rates --dim 4 --T 80 --out out/rates',
  'decreasing-step':
    'adamscope experiment decreasing-step --kappa 0.55 --steps 10000 --out out/decreasing-step',
  saddle: 'adamscope experiment saddle --optimizers sgd,heavy-ball,adam --out out/saddle',
  reddi: 'adamscope experiment reddi --gammas 0.05,0.01 --T 20 --out out/reddi',
  landscape:
    'adamscope experiment landscape --dataset moons --hidden 16 --resolution 257 --out out/landscape',
  'network-ode':
    'adamscope experiment network-ode --dataset moons --hidden 16 --trajectories 256 --gamma 0.005 --out out/network-ode',
};

/** The description of an experiment's flag. */
export function experimentFlagHelp(experiment: string, flag: string): string | undefined {
  return EXPERIMENT_FLAG_HELP[experiment]?.[flag] ?? FLAG_HELP[flag];
}
