/** The laws shown by the random-streams figure: binning, reference density and distance. */
import type { DistributionName } from '../../../kernels/randomFill.ts';
import { normalCdf } from '../../../stats/normal.ts';
import { ksCriticalValue, ksDistance, normalPdf, uniformCdf } from '../../goodnessOfFit.ts';

/** How one distribution is drawn, binned and compared with its law. */
export interface LawFigure {
  distribution: Exclude<DistributionName, 'bits'>;
  title: (p: number) => string;
  /** Legend label of the reference curve. */
  lawLabel: (p: number) => string;
  range: readonly [number, number];
  bins: number;
  density: (p: number) => (x: number) => number;
  /** Distance to the law and its 5 % critical value, with the name shown to readers. */
  distance: (
    values: ArrayLike<number>,
    p: number,
  ) => { name: string; value: number; critical: number };
}

function ks(cdf: (x: number) => number) {
  return (values: ArrayLike<number>) => ({
    name: 'KS distance',
    value: ksDistance(values, cdf),
    critical: ksCriticalValue(values.length),
  });
}

/** For a 0/1 law the KS distance is |p̂ - p|; its 5 % bound is 1.96 sqrt(p (1 - p) / n). */
function bernoulliDistance(values: ArrayLike<number>, p: number) {
  let ones = 0;
  for (let i = 0; i < values.length; i++) ones += values[i] ?? 0;
  const n = values.length;
  return {
    name: 'KS distance |p̂ − p|',
    value: Math.abs(ones / n - p),
    critical: 1.96 * Math.sqrt((p * (1 - p)) / n),
  };
}

export const LAWS: readonly LawFigure[] = [
  {
    distribution: 'uniform',
    title: () => 'Uniform (0, 1)',
    lawLabel: () => 'density of U(0, 1)',
    range: [0, 1],
    bins: 50,
    density: () => (x) => (x >= 0 && x <= 1 ? 1 : 0),
    distance: ks(uniformCdf),
  },
  {
    distribution: 'normal',
    title: () => 'Standard normal (Box–Muller)',
    lawLabel: () => 'density of N(0, 1)',
    range: [-4.5, 4.5],
    bins: 72,
    density: () => normalPdf,
    distance: ks(normalCdf),
  },
  {
    distribution: 'bernoulli',
    title: (p) => `Bernoulli (p = ${p})`,
    lawLabel: (p) => `mass of B(${p})`,
    range: [-0.5, 1.5],
    bins: 2,
    density: (p) => (x) => (x < 0.5 ? 1 - p : p),
    distance: bernoulliDistance,
  },
];
