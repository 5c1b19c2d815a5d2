/**
 * The problems of the landscape figure: every 2-D problem of the catalogue (src/problems)
 * with the view box of its heat map, its minima (for "fraction near each minimum") and the
 * step and horizon it is shown with by default. Open on purpose: a new 2-D landscape (the
 * neural-network landscapes of issue 11) is one more entry here and one more name in
 * `LANDSCAPE_PROBLEM_NAMES` (catalog.ts, checked against this table by
 * test/cpu/landscape.test.ts).
 */
import type { ProblemSpec } from '../../../problems/index.ts';

export interface LandscapeMinimum {
  /** Short label for tables and legends, e.g. `(−1, 0)`. */
  label: string;
  at: readonly [number, number];
}

export interface LandscapeProblem {
  /** The figure's name for it (the `problem` parameter). */
  name: string;
  /** A short title. */
  title: string;
  /** The library spec, given the noise σ (undefined: the problem's default). */
  spec(sigma: number | undefined): ProblemSpec;
  /** The heat map's data box. */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  minima: readonly LandscapeMinimum[];
  /** A particle is "near" a minimum within this distance. */
  radius: number;
  /** Default step γ and horizon t = nγ. */
  gamma: number;
  T: number;
  /** F in TeX, for the page. */
  tex: string;
}

const withSigma = <S extends ProblemSpec>(spec: S, sigma: number | undefined): S =>
  sigma === undefined ? spec : { ...spec, sigma };

export const LANDSCAPE_PROBLEMS: readonly LandscapeProblem[] = [
  {
    name: 'double-well',
    title: 'Double well',
    spec: (sigma) => withSigma({ name: 'double-well', kappa: 1 }, sigma),
    xDomain: [-2, 2],
    yDomain: [-1.5, 1.5],
    minima: [
      { label: '(−1, 0)', at: [-1, 0] },
      { label: '(1, 0)', at: [1, 0] },
    ],
    radius: 0.3,
    gamma: 0.02,
    T: 10,
    tex: 'F(x) = \\tfrac14 (x_1^2 - 1)^2 + \\tfrac12 x_2^2',
  },
  {
    name: 'rosenbrock',
    title: 'Rosenbrock',
    spec: (sigma) => withSigma({ name: 'rosenbrock' }, sigma),
    xDomain: [-2, 2],
    yDomain: [-1, 3],
    minima: [{ label: '(1, 1)', at: [1, 1] }],
    radius: 0.3,
    gamma: 0.002,
    T: 4,
    tex: 'F(x) = (1 - x_1)^2 + 100\\,(x_2 - x_1^2)^2',
  },
  {
    name: 'regression2d',
    title: '2-D linear regression',
    spec: (sigma) => withSigma({ name: 'regression2d', p: 0.3 }, sigma),
    xDomain: [-1.5, 5],
    yDomain: [-2, 3],
    minima: [{ label: '(3, 1)', at: [3, 1] }],
    radius: 0.5,
    gamma: 0.02,
    T: 15,
    tex: 'F(x) = \\tfrac12\\,\\mathbb{E}\\,(Y - X x_1 - (1 - X) x_2)^2',
  },
  {
    name: 'quartic',
    title: 'Quartic',
    spec: (sigma) => withSigma({ name: 'quartic', dimension: 2 }, sigma),
    xDomain: [-2, 2],
    yDomain: [-1.5, 1.5],
    minima: [{ label: '(0, 0)', at: [0, 0] }],
    radius: 0.3,
    gamma: 0.02,
    T: 20,
    tex: 'F(x) = \\tfrac14 (x_1^4 + x_2^4)',
  },
];

/** The entry called `name` (the parameter is checked by the schema: it exists). */
export function landscapeProblem(name: string): LandscapeProblem {
  const found = LANDSCAPE_PROBLEMS.find((p) => p.name === name);
  if (!found) throw new Error(`landscape: no problem ${name}`);
  return found;
}
