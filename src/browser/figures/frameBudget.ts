/**
 * Steps per animation frame that adapt to the measured frame time, so that a figure's GPU
 * (or cpu) work fits a frame budget and the tab never freezes: after each frame, the steps
 * grow when the frame took less than the budget and shrink when it took more (multiplicative,
 * clamped to [min, max]). Shared by the animated figures (landscape; usable by regression).
 *
 * @example
 * const budget = new FrameBudget({ targetMs: 16, initial: 4, max: 256 });
 * const t0 = performance.now();
 * await ensemble.advance(budget.steps); await ensemble.synchronize();
 * budget.measured(performance.now() - t0);
 */
export interface FrameBudgetOptions {
  /** The frame's work budget in milliseconds (default 12: leaves time to draw at 60 Hz). */
  targetMs?: number;
  /** Steps of the first frame (default 1). */
  initial?: number;
  /** Fewest and most steps per frame (defaults 1 and 4096). */
  min?: number;
  max?: number;
}

export class FrameBudget {
  readonly targetMs: number;
  private readonly min: number;
  private readonly max: number;
  private current: number;
  /** Exponential average of the measured times (ms), for reports. */
  averageMs = 0;

  constructor(options: FrameBudgetOptions = {}) {
    this.targetMs = options.targetMs ?? 12;
    this.min = Math.max(1, Math.floor(options.min ?? 1));
    this.max = Math.max(this.min, Math.floor(options.max ?? 4096));
    this.current = Math.min(this.max, Math.max(this.min, Math.floor(options.initial ?? 1)));
  }

  /** Steps to run in the next frame (an integer in [min, max]). */
  get steps(): number {
    return this.current;
  }

  /**
   * Records that the last frame's `steps` took `ms`: the next count aims at the budget, at
   * most doubling and at least halving per frame so one noisy frame cannot swing it.
   */
  measured(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.averageMs = this.averageMs === 0 ? ms : 0.8 * this.averageMs + 0.2 * ms;
    const ratio = this.targetMs / Math.max(ms, 0.1);
    const factor = Math.min(2, Math.max(0.5, ratio));
    const next = Math.round(this.current * factor);
    this.current = Math.min(
      this.max,
      Math.max(this.min, next === this.current && factor > 1 ? next + 1 : next),
    );
  }
}
