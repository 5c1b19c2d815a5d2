/**
 * Sizes a figure caps on the cpu backend. (The parameters themselves are read under the
 * figure's schema by `readFigureParameters`, catalog.ts; `mountFigure` shows their notices.)
 */
import type { FigureContext } from './types.ts';

/**
 * `n` capped at `max` on the cpu backend (float64 TypeScript on the page's thread), with an
 * info notice saying so; `what` names the unit (`trajectories per group`).
 */
export function cpuCap(
  context: Pick<FigureContext, 'backend' | 'notice'>,
  n: number,
  max: number,
  what: string,
): number {
  if (context.backend.kind !== 'cpu' || n <= max) return n;
  context.notice(`the cpu backend runs at most ${max} ${what} here`, 'info');
  return max;
}
