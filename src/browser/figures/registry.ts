/**
 * The figures of the package, by name: each is loaded on demand (`import()`), so a page or
 * the embed script downloads only the code of the figures it shows.
 */
import { FIGURE_INFO, isFigureName, type FigureName } from './catalog.ts';
import type { FigureDefinition } from './types.ts';

type Loader = () => Promise<{ figure: FigureDefinition }>;

export const FIGURES: Readonly<Record<FigureName, Loader>> = {
  random: () => import('./random.figure.ts'),
  regression: () => import('./regression.figure.ts'),
  debiasing: () => import('./debiasing.figure.ts'),
  'dimension-100': () => import('./dimension-100.figure.ts'),
  theorems: () => import('./theorems.figure.ts'),
  lyapunov: () => import('./lyapunov.figure.ts'),
  'weak-convergence': () => import('./weak-convergence.figure.ts'),
  'long-run': () => import('./long-run.figure.ts'),
  'heavy-ball': () => import('./heavy-ball.figure.ts'),
  reddi: () => import('./reddi.figure.ts'),
  saddle: () => import('./saddle.figure.ts'),
  landscape: () => import('./landscape.figure.ts'),
  playground: () => import('./playground.figure.ts'),
};

/** Loads the figure called `name`; an unknown name throws an error listing the known ones. */
export async function loadFigure(name: string): Promise<FigureDefinition> {
  if (!isFigureName(name)) {
    throw new Error(
      `adamscope: unknown figure name = ${JSON.stringify(name)}: allowed ${Object.keys(FIGURE_INFO).join(', ')}`,
    );
  }
  const { figure } = await FIGURES[name]();
  return figure;
}
