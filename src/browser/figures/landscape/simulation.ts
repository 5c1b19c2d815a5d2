/**
 * One run of the landscape figure: one ensemble per panel (same problem, same seed, so the
 * same cloud of initial points, different optimizers), advanced together by the frame loop,
 * and the statistics of each panel from asynchronous position readbacks.
 */
import type { Backend } from '../../../backend/index.ts';
import type { EnsembleConfig } from '../../../ensemble/config.ts';
import { createEnsemble } from '../../../ensemble/run.ts';
import type { Ensemble } from '../../../ensemble/types.ts';
import type { OptimizerSpec } from '../../../optimizers/types.ts';
import type { LandscapeProblem } from './problems.ts';
import { PositionReader, type PositionSnapshot } from './readback.ts';
import { panelStatistics, type PanelStatistics } from './statistics.ts';

export type LandscapeOptimizer = 'adam' | 'sgd' | 'heavy-ball' | 'rmsprop';

/** The figure's parameters, resolved (defaults of the problem filled in). */
export interface LandscapeParams {
  problem: LandscapeProblem;
  optimizers: LandscapeOptimizer[];
  n: number;
  gamma: number;
  T: number;
  a: number;
  b: number;
  momentum: number;
  sigma: number | undefined;
  x0: [number, number];
  spread: number;
  seed: string;
}

/** Display names of the optimizers. */
export const OPTIMIZER_TITLES: Record<LandscapeOptimizer, string> = {
  adam: 'ADAM',
  sgd: 'SGD',
  'heavy-ball': 'Heavy ball',
  rmsprop: 'RMSProp',
};

/** The library's spec of `name` under the figure's parameters. */
export function optimizerSpecOf(name: LandscapeOptimizer, p: LandscapeParams): OptimizerSpec {
  switch (name) {
    case 'adam':
      return { name, gamma: p.gamma, a: p.a, b: p.b };
    case 'rmsprop':
      return { name, gamma: p.gamma, b: p.b };
    case 'heavy-ball':
      return { name, gamma: p.gamma, momentum: p.momentum };
    case 'sgd':
      return { name, gamma: p.gamma };
  }
}

/** The ensemble config of one panel (what `adamscope run` runs for the same parameters). */
export function panelConfig(name: LandscapeOptimizer, p: LandscapeParams): EnsembleConfig {
  return {
    problem: p.problem.spec(p.sigma),
    optimizer: optimizerSpecOf(name, p),
    trajectories: p.n,
    seed: p.seed,
    x0: p.x0,
    initialSpread: p.spread,
  };
}

/** One point of a panel's history: its statistics at step `step`. */
export interface HistoryPoint extends PanelStatistics {
  step: number;
  t: number;
}

export class LandscapePanel {
  readonly history: HistoryPoint[] = [];
  latest: PositionSnapshot | undefined;
  private readonly reader: PositionReader;

  constructor(
    readonly optimizer: LandscapeOptimizer,
    readonly ensemble: Ensemble,
    private readonly params: LandscapeParams,
  ) {
    this.reader = new PositionReader(ensemble);
  }

  get stats(): HistoryPoint | undefined {
    return this.history.at(-1);
  }

  get busy(): boolean {
    return this.reader.busy;
  }

  /** Starts a readback unless one is in flight; its statistics land in `history`. */
  sample(onDone: () => void, onError: (error: unknown) => void): void {
    const flight = this.reader.start();
    if (!flight) return;
    flight.then((snapshot) => {
      this.latest = snapshot;
      const { problem, gamma } = this.params;
      const point = new Float64Array(2);
      const descriptor = this.ensemble.resolved.problem;
      const stats = panelStatistics(
        snapshot.values,
        snapshot.stride,
        snapshot.count,
        (x, y) => {
          point[0] = x;
          point[1] = y;
          return descriptor.value(point);
        },
        problem.minima,
        problem.radius,
      );
      const last = this.history.at(-1);
      if (!last || last.step < snapshot.step)
        this.history.push({ ...stats, step: snapshot.step, t: snapshot.step * gamma });
      onDone();
    }, onError);
  }

  destroy(): void {
    this.reader.destroy();
    this.ensemble.destroy();
  }
}

export class LandscapeRun {
  private constructor(
    readonly params: LandscapeParams,
    readonly panels: LandscapePanel[],
    readonly totalSteps: number,
  ) {}

  static async start(params: LandscapeParams, backend: Backend): Promise<LandscapeRun> {
    const panels: LandscapePanel[] = [];
    try {
      for (const name of params.optimizers) {
        const ensemble = await createEnsemble(panelConfig(name, params), backend);
        panels.push(new LandscapePanel(name, ensemble, params));
      }
    } catch (error) {
      for (const panel of panels) panel.destroy();
      throw error;
    }
    const totalSteps = Math.max(1, Math.round(params.T / params.gamma));
    return new LandscapeRun(params, panels, totalSteps);
  }

  get step(): number {
    return this.panels[0]?.ensemble.step ?? 0;
  }

  get done(): boolean {
    return this.step >= this.totalSteps;
  }

  /** Whether every panel's statistics are of the final step. */
  get settled(): boolean {
    return this.done && this.panels.every((p) => p.stats?.step === this.totalSteps);
  }

  /** Submits `steps` steps of every panel (capped at the horizon); resolves when the GPU is done. */
  async advance(steps: number): Promise<void> {
    const k = Math.min(steps, this.totalSteps - this.step);
    if (k <= 0) return;
    for (const panel of this.panels) await panel.ensemble.advance(k);
    await Promise.all(this.panels.map((p) => p.ensemble.synchronize()));
  }

  destroy(): void {
    for (const panel of this.panels) panel.destroy();
  }
}
