import { ParameterError } from '../errors.ts';
import type { ParsedOptions } from './options.ts';

/**
 * Progress of a long command on stderr: elapsed time, rate(s), ETA.
 * - `bar`: a live bar redrawn in place (a terminal);
 * - `lines`: one line every 10 s (not a terminal: logs, CI, batch jobs);
 * - `json`: one JSON object per line (machines), at most one a second, plus the last;
 * - `none`: `--quiet`.
 */
export type ProgressMode = 'bar' | 'lines' | 'json' | 'none';

/** Where progress goes (the CLI's io). */
export interface ProgressSink {
  /** Writes text as is (no newline added). */
  write(text: string): void;
}

/** A secondary rate, e.g. trajectory-steps/s = steps/s × N. */
export interface RateSpec {
  name: string;
  perUnit: number;
}

export interface ProgressOptions {
  /** Label, e.g. `run`. */
  label: string;
  /** Units of work to do, e.g. steps. */
  total: number;
  /** Name of one unit, e.g. `steps`. */
  unit: string;
  rates?: readonly RateSpec[];
  /** Milliseconds between lines in `lines` mode (10 s). */
  lineInterval?: number;
  /** Milliseconds between JSON objects (1 s) and bar redraws (0.1 s). */
  jsonInterval?: number;
  now?: () => number;
}

/** The progress mode of `--progress` / `--quiet` and whether stderr is a terminal. */
export function progressMode(values: ParsedOptions, stderrIsTTY: boolean): ProgressMode {
  const raw = values['progress'];
  if (values['quiet'] === true) {
    if (raw !== undefined)
      throw new ParameterError('--progress', raw, 'no --progress together with --quiet', {
        typed: String(raw),
      });
    return 'none';
  }
  if (raw === undefined) return stderrIsTTY ? 'bar' : 'lines';
  if (raw === 'bar' || raw === 'lines' || raw === 'json') return raw;
  throw new ParameterError('--progress', raw, 'one of bar|lines|json (or --quiet for none)', {
    typed: String(raw),
  });
}

/** 65 -> `1m05s`; 3725 -> `1h02m05s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(r).padStart(2, '0')}s`;
  if (m > 0) return `${m}m${String(r).padStart(2, '0')}s`;
  return seconds < 10 && seconds > 0 ? `${seconds.toFixed(1)}s` : `${r}s`;
}

/** A rate with 3 significant digits and an SI prefix: 1.23e8 -> `123M`. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '?';
  const prefixes: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of prefixes)
    if (Math.abs(rate) >= scale) return `${(rate / scale).toPrecision(3)}${prefix}`;
  return rate >= 100 ? rate.toFixed(0) : rate.toPrecision(3);
}

/** One progress snapshot (what every mode shows). */
export interface ProgressSnapshot {
  label: string;
  done: number;
  total: number;
  unit: string;
  fraction: number;
  elapsedSeconds: number;
  /** Units per second since the start (or the resume point). */
  rate: number;
  rates: Record<string, number>;
  etaSeconds: number;
}

export class ProgressReporter {
  private readonly started: number;
  private startDone = 0;
  private done = 0;
  private lastEmit: number;
  private emitted = false;
  private barDrawn = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private finished = false;
  private readonly now: () => number;

  constructor(
    private readonly mode: ProgressMode,
    private readonly sink: ProgressSink,
    private readonly options: ProgressOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    // Nothing for the first interval: a short command stays quiet (json: the first second).
    this.lastEmit = this.started;
    if (mode === 'lines' || mode === 'json') {
      const interval = mode === 'lines' ? (options.lineInterval ?? 10_000) : 10_000;
      // Also between updates (a long dispatch, a compilation): the latest state every interval.
      this.timer = setInterval(() => this.emit(true), interval);
      this.timer.unref?.();
    }
  }

  /** Units already done before this process started (a resumed run): not counted in rates. */
  resumeFrom(done: number): void {
    this.startDone = done;
    this.done = done;
  }

  snapshot(): ProgressSnapshot {
    const elapsedSeconds = (this.now() - this.started) / 1000;
    const { total, unit, label } = this.options;
    const rate = elapsedSeconds > 0 ? (this.done - this.startDone) / elapsedSeconds : NaN;
    const rates: Record<string, number> = { [`${unit}/s`]: rate };
    for (const r of this.options.rates ?? []) rates[r.name] = rate * r.perUnit;
    const remaining = total - this.done;
    return {
      label,
      done: this.done,
      total,
      unit,
      fraction: total > 0 ? this.done / total : 1,
      elapsedSeconds,
      rate,
      rates,
      etaSeconds: remaining <= 0 ? 0 : rate > 0 ? remaining / rate : NaN,
    };
  }

  update(done: number): void {
    this.done = done;
    this.emit(false);
  }

  private emit(fromTimer: boolean): void {
    if (this.finished || this.mode === 'none') return;
    const now = this.now();
    const since = now - this.lastEmit;
    if (this.mode === 'bar') {
      if (since < (this.options.jsonInterval ?? 100) || now - this.started < 1000) return;
      this.lastEmit = now;
      this.sink.write(`\r${this.barLine(this.snapshot())}\x1b[K`);
      this.barDrawn = true;
    } else if (this.mode === 'lines') {
      if (!fromTimer && since < (this.options.lineInterval ?? 10_000)) return;
      if (fromTimer && since < (this.options.lineInterval ?? 10_000) / 2) return;
      this.lastEmit = now;
      this.emitted = true;
      this.sink.write(this.textLine(this.snapshot()) + '\n');
    } else {
      if (since < (this.options.jsonInterval ?? 1000)) return;
      this.lastEmit = now;
      this.sink.write(JSON.stringify(this.jsonObject('progress', this.snapshot())) + '\n');
    }
  }

  /** The last line: `done` (complete) or `interrupted` (stopped by a signal) or `failed`. */
  finish(event: 'done' | 'interrupted' | 'failed' = 'done'): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearInterval(this.timer);
    const s = this.snapshot();
    if (this.mode === 'bar') {
      if (this.barDrawn) this.sink.write(`\r${this.barLine(s)}\x1b[K\n`);
    } else if (this.mode === 'lines') {
      // A short run says nothing; a long one ends with a last line.
      if (this.emitted || event !== 'done')
        this.sink.write(`${this.textLine(s)}${event === 'done' ? '' : ` (${event})`}\n`);
    } else if (this.mode === 'json') {
      this.sink.write(JSON.stringify(this.jsonObject(event, s)) + '\n');
    }
  }

  private rateText(s: ProgressSnapshot): string {
    return Object.entries(s.rates)
      .map(([name, value]) => `${formatRate(value)} ${name}`)
      .join(', ');
  }

  private textLine(s: ProgressSnapshot): string {
    const pct = (100 * s.fraction).toFixed(1);
    return `${s.label}: ${s.done}/${s.total} ${s.unit} (${pct}%), elapsed ${formatDuration(s.elapsedSeconds)}, ${this.rateText(s)}, ETA ${formatDuration(s.etaSeconds)}`;
  }

  private barLine(s: ProgressSnapshot): string {
    const width = 24;
    const filled = Math.max(0, Math.min(width, Math.round(width * s.fraction)));
    return `${s.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(100 * s.fraction).toFixed(0)}% ${s.done}/${s.total} ${s.unit} ${formatDuration(s.elapsedSeconds)} ${this.rateText(s)} ETA ${formatDuration(s.etaSeconds)}`;
  }

  private jsonObject(event: string, s: ProgressSnapshot): Record<string, unknown> {
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    return {
      event,
      command: s.label,
      done: s.done,
      total: s.total,
      unit: s.unit,
      fraction: finite(s.fraction),
      elapsedSeconds: finite(s.elapsedSeconds),
      rates: Object.fromEntries(Object.entries(s.rates).map(([k, v]) => [k, finite(v)])),
      etaSeconds: finite(s.etaSeconds),
    };
  }
}
