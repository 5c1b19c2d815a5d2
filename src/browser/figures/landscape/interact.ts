/**
 * Direct manipulation of the landscape figure: the centre x0 of the cloud of starting points
 * (the cross) is dragged on any panel, or moved with the arrow keys on a focused panel. The
 * cross follows the pointer at once; a new run from the latest position replaces the running
 * one (`restart`, coalesced: while a run is being built, only the latest position waits, nothing
 * queues); x0 goes into the page's URL (replaced during the gesture, a history entry on release).
 */
import { dragPoint } from '../interaction.ts';
import type { FigureContext } from '../types.ts';
import type { LandscapeView } from './view.ts';

/** A coordinate of x0 as written in the URL (a drag lands on a 0.01 grid). */
const coordinate = (value: number) => Math.round(value * 100) / 100;

export interface LandscapeDragOptions {
  signal: AbortSignal;
  context: Pick<FigureContext, 'setParameters' | 'fail'>;
  /** The x0 of the running run. */
  x0(): readonly [number, number];
  /**
   * Starts a run from `x0` and puts it in place of the running one, unless `stale()` says a
   * newer position is waiting (then it drops its run).
   */
  restart(x0: [number, number], stale: () => boolean): Promise<void>;
}

export function dragLandscapeX0(view: LandscapeView, options: LandscapeDragOptions): void {
  const { signal, context } = options;
  let wanted: [number, number] | undefined;
  let running = false;
  const pump = async () => {
    if (running) return;
    running = true;
    try {
      while (wanted && !signal.aborted) {
        const x0 = wanted;
        wanted = undefined;
        await options.restart(x0, () => wanted !== undefined || signal.aborted);
      }
    } finally {
      running = false;
    }
  };
  view.panelBoxes.forEach((target, index) => {
    dragPoint(target, {
      signal,
      position: () => view.pixelOf(index, view.draggedX0 ?? options.x0()),
      move: (px, py, commit) => {
        const point = view.dataAt(index, px, py);
        if (!point) return;
        const x0: [number, number] = [coordinate(point[0]), coordinate(point[1])];
        const shown = view.draggedX0 ?? options.x0();
        if (x0[0] === shown[0] && x0[1] === shown[1] && !commit) return;
        view.draggedX0 = x0;
        view.markers();
        wanted = x0;
        pump().catch((error: unknown) => {
          if (!signal.aborted) context.fail(error);
        });
        context.setParameters({ x0: x0.join(','), t: undefined }, commit);
      },
    });
    target.setAttribute(
      'aria-label',
      'a panel of the landscape: drag the cross x0 (or focus the panel and use the arrow keys) to start the cloud from there',
    );
  });
}
