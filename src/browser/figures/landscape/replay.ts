/**
 * The time scrubber of the landscape figure: the readbacks the live statistics take anyway
 * (landscape/readback.ts, one in flight per panel) are kept per panel, thinned to at most
 * `MAX_SNAPSHOTS` evenly spread ones within `MAX_BYTES`, and once the run has settled a
 * `TimeScrubber` shows the cloud of the latest readback at or before the chosen t (`t` in the
 * page's URL; a link with `t` shows it once the run has settled).
 */
import { TimeScrubber } from '../interaction.ts';
import type { FigureContext } from '../types.ts';
import type { PositionSnapshot } from './readback.ts';
import type { LandscapeRun } from './simulation.ts';
import type { LandscapeView } from './view.ts';

const MAX_SNAPSHOTS = 64;
/** Memory for the stored clouds of one panel. */
const MAX_BYTES = 32 * 2 ** 20;

export class LandscapeReplay {
  private stored: PositionSnapshot[][] = [];
  private run: LandscapeRun | undefined;
  private readonly scrubber: TimeScrubber;
  /** The time to show once the run settles (a link with `t`). */
  private wanted: number | undefined;

  constructor(
    host: HTMLElement,
    private readonly view: LandscapeView,
    context: Pick<FigureContext, 'setParameters' | 'report'>,
    signal: AbortSignal,
    t: number | undefined,
  ) {
    this.wanted = t;
    this.scrubber = new TimeScrubber(host, {
      signal,
      label: 't = nγ ',
      format: (value) => `t = ${value.toFixed(2)}`,
      input: (value, commit) => {
        this.show(value);
        context.setParameters({ t: value.toFixed(2) }, commit);
      },
      live: () => {
        this.view.replay(undefined);
        if (this.run) this.scrubber.set(this.run.totalSteps * this.run.params.gamma);
        this.view.statistics();
        context.setParameters({ t: undefined }, true);
      },
    });
    this.report = (key, value) => context.report(key, value);
    host.append(this.scrubber.element);
    // At t = 0 until the run settles (then enabled over [0, T]).
    this.scrubber.set(0);
  }

  private readonly report: (key: string, value: string) => void;

  /** Keeps the latest readback of each panel of `run` (a new run starts afresh). */
  record(run: LandscapeRun): void {
    if (run !== this.run) {
      this.run = run;
      this.stored = run.panels.map(() => []);
      this.scrubber.disable();
      this.view.replay(undefined);
    }
    run.panels.forEach((panel, i) => {
      const list = this.stored[i];
      const snapshot = panel.latest;
      if (!list || !snapshot || (list.at(-1)?.step ?? -1) >= snapshot.step) return;
      list.push(snapshot);
      const bytes = snapshot.values.byteLength || 1;
      const cap = Math.max(8, Math.min(MAX_SNAPSHOTS, Math.floor(MAX_BYTES / bytes)));
      // Thinning: drop every second one but the last, so the kept ones stay spread over t.
      if (list.length > cap)
        this.stored[i] = list.filter((_, k) => k % 2 === 0 || k === list.length - 1);
    });
  }

  /** The run settled: the scrubber is enabled (and shows `t` of a link). */
  settled(run: LandscapeRun): void {
    this.record(run);
    const end = run.totalSteps * run.params.gamma;
    this.scrubber.enable(end);
    this.scrubber.set(this.wanted ?? end);
    if (this.wanted !== undefined) this.show(this.wanted);
    this.wanted = undefined;
  }

  /** Shows the clouds at time `t` (the latest stored readback at or before it). */
  private show(t: number): void {
    const run = this.run;
    if (!run) return;
    const step = Math.round(t / run.params.gamma);
    const clouds = this.stored.map((list) => {
      let found = list[0];
      for (const snapshot of list) if (snapshot.step <= step) found = snapshot;
      return found;
    });
    this.view.replay(clouds);
    this.report('replayStep', String(clouds[0]?.step ?? ''));
  }
}
