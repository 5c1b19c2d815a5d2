/** The laws shown by the random-streams figure: binning, reference density and distance. */
import type { DistributionName } from '../../../kernels/randomFill.ts';
import { lawDistance, normalPdf, type LawDistance } from '../../../stats/goodnessOfFit.ts';

/** How one distribution is drawn, binned and compared with its law. */
export interface LawFigure {
  distribution: Exclude<DistributionName, 'bits'>;
  title: (p: number) => string;
  /** Legend label of the reference curve. */
  lawLabel: (p: number) => string;
  range: readonly [number, number];
  bins: number;
  density: (p: number) => (x: number) => number;
  /** Distance to the law and its 5 % critical value (`lawDistance`, as `adamscope draw`). */
  distance: (values: ArrayLike<number>, p: number) => LawDistance;
}

export const LAWS: readonly LawFigure[] = [
  {
    distribution: 'uniform',
    title: () => 'Uniform (0, 1)',
    lawLabel: () => 'density of U(0, 1)',
    range: [0, 1],
    bins: 50,
    density: () => (x) => (x >= 0 && x <= 1 ? 1 : 0),
    distance: (values, p) => lawDistance('uniform', values, p),
  },
  {
    distribution: 'normal',
    title: () => 'Standard normal (Box–Muller)',
    lawLabel: () => 'density of N(0, 1)',
    range: [-4.5, 4.5],
    bins: 72,
    density: () => normalPdf,
    distance: (values, p) => lawDistance('normal', values, p),
  },
  {
    distribution: 'bernoulli',
    title: (p) => `Bernoulli (p = ${p})`,
    lawLabel: (p) => `mass of B(${p})`,
    range: [-0.5, 1.5],
    bins: 2,
    density: (p) => (x) => (x < 0.5 ? 1 - p : p),
    distance: (values, p) => lawDistance('bernoulli', values, p),
  },
];
