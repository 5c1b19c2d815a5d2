/**
 * One run of the regression figure: N ADAM trajectories on regression2d from one x0 (the
 * ensemble engine, WebGPU or cpu) and the debiased ADAM ODE from the same x0 (integrateOde,
 * dense output on a fixed grid of t), advanced a few steps per animation frame.
 *
 * The frame loop never waits on the GPU inside a frame: `beginFrame` submits k steps only
 * when the previous frame's work (steps and drawing) is done (else the frame is skipped), k
 * follows a step rate (steps per frame, below 1 when a step costs more than a frame: steps
 * on some frames only) adapted to the measured GPU time of a step and of a frame's drawing
 * so that a frame's work fits `FRAME_BUDGET_MS` (see `measured`), and the statistics
 * (F quantiles over the first 4,096 trajectories, the tracked point, a snapshot of the cloud
 * for the time scrubber) are read back asynchronously, at most one readback in flight
 * (`sample`).
 */
import { CpuBackend, type Backend } from '../../../backend/index.ts';
import { resolveEnsemble, type EnsembleConfig } from '../../../ensemble/config.ts';
import { GpuEnsemble } from '../../../ensemble/gpuEnsemble.ts';
import { metricStats, RECORD_QUANTILES, type EnsembleRecord } from '../../../ensemble/records.ts';
import { createEnsemble } from '../../../ensemble/run.ts';
import type { Ensemble } from '../../../ensemble/types.ts';
import { integrateOde, type OdeResult } from '../../../ode/index.ts';
import { summarize } from '../../../stats/summary.ts';

/** The figure's parameters (URL parameters of the page, attributes of the element). */
export interface RegressionParams {
  gamma: number;
  a: number;
  b: number;
  n: number;
  seed: string;
  /** Horizon in physical time t = nγ. */
  T: number;
  p: number;
  sigma: number;
  x0: [number, number];
}

/** Points of the ODE's dense output over [0, T]. */
const ODE_POINTS = 400;
/** A run lasts at least this many frames (so that it is seen moving on a fast adapter). */
const MIN_FRAMES = 240;
/** GPU time one frame's steps and drawing may take (ms). */
export const FRAME_BUDGET_MS = 14;
/**
 * Fewest steps per frame: a step on one frame in 16 at most (when even one step costs many
 * frames, as 262,144 particles on a software adapter).
 */
export const MIN_STEP_RATE = 1 / 16;
/** GPU memory the snapshots of the cloud may take (the time scrubber replays from them). */
const SNAPSHOT_BYTES = 64 * 2 ** 20;
const MAX_SNAPSHOTS = 400;
/** Trajectories whose F is read back for the statistics (all of them up to this size). */
export const STAT_SAMPLE = 4096;

/**
 * Period of a frame the steps may fill up to, in ms of wall time (25 frames/s): a frame's
 * period (from one frame's start to the next one's: the steps, the drawing, the main thread's
 * work, the compositor, the wait for the next animation frame) is measured, and the steps get
 * what the rest of the frame leaves below it.
 */
export const FRAME_TARGET_MS = 40;
/**
 * Share of a frame's other time the steps get when that time alone exceeds `FRAME_TARGET_MS`
 * (a large cloud on a software adapter): the run still advances, and the frame rate drops by
 * at most this share (a frame of 150 ms without steps takes 180 ms with them).
 */
export const STEP_SHARE = 0.2;

/**
 * The step rate (steps per frame) after one measured frame. Two limits on the time of a
 * frame's steps, the smaller one wins:
 * - GPU time: steps and drawing aim at `FRAME_BUDGET_MS`; when the drawing alone (`drawMs`)
 *   fills it, the steps get as much GPU time as the drawing;
 * - frame rate (when the wall-clock `otherMs` of a frame without its steps is known): the
 *   steps fill the frame up to `FRAME_TARGET_MS`, and get at least `STEP_SHARE` of `otherMs`.
 * At most ×2 or ÷2 per frame, within [MIN_STEP_RATE, max].
 */
export function nextStepRate(
  rate: number,
  drawMs: number,
  msPerStep: number,
  max: number,
  otherMs?: number,
): number {
  let forSteps = Math.max(FRAME_BUDGET_MS - drawMs, drawMs, 1);
  if (otherMs !== undefined && Number.isFinite(otherMs))
    forSteps = Math.min(forSteps, Math.max(FRAME_TARGET_MS - otherMs, STEP_SHARE * otherMs));
  const target = forSteps / Math.max(msPerStep, 1e-3);
  const next = Math.min(2 * rate, Math.max(0.5 * rate, target));
  return Math.min(max, Math.max(MIN_STEP_RATE, next));
}

/** The cloud at one step: a GPU vertex buffer (vec4 per trajectory) or x₁, x₂ pairs. */
export type Cloud =
  | { kind: 'gpu'; buffer: GPUBuffer; count: number }
  | { kind: 'cpu'; xy: Float64Array; count: number };

/** The cloud kept at a recorded step. */
interface Snapshot {
  step: number;
  cloud: Cloud;
}

export class RegressionRun {
  /** F statistics at the recorded steps (increasing). */
  readonly records: EnsembleRecord[] = [];
  /** Trajectory 0 at the recorded steps (linear interpolation = Eq. 2.3). */
  readonly tracked: { steps: number[]; x: number[]; y: number[] } = { steps: [], x: [], y: [] };
  readonly snapshots: Snapshot[] = [];
  /**
   * Steps per frame now (adapted to measured times): fractional below 1, where the frames
   * without a step only draw.
   */
  stepsPerFrame = 1;
  /** Measured GPU time of one step in ms (exponential average), once known. */
  msPerStep: number | undefined;
  /** Measured GPU time of a frame's drawing in ms (exponential average), once known. */
  drawMs: number | undefined;
  /**
   * Measured wall time of a frame without its steps, in ms (exponential average): the period
   * from one frame's start to the next one's less the steps' time, once known.
   */
  otherMs: number | undefined;
  /** Start and steps of the last frame (for its period, measured when the next one starts). */
  private lastFrame: { start: number; steps: number } | undefined;
  /** Steps owed to the next frames (the fractional part of the rate). */
  private carry = 0;
  /** When the current frame's work was submitted (performance.now()). */
  private frameStart = 0;
  /** Frames measured (the first ones compile pipelines: not used to adapt). */
  private framesMeasured = 0;
  private busy = false;
  private inFlight: Promise<void> | undefined;
  private destroyed = false;
  private staging: GPUBuffer | undefined;
  private failure: unknown;

  private constructor(
    readonly params: RegressionParams,
    readonly ensemble: Ensemble,
    readonly ode: OdeResult,
    readonly odeX: { x: Float64Array; y: Float64Array },
    readonly totalSteps: number,
    private readonly device: GPUDevice | undefined,
  ) {
    this.maxStepsPerFrame = Math.max(1, Math.ceil(totalSteps / MIN_FRAMES));
  }

  private readonly maxStepsPerFrame: number;

  /** Builds the run (ODE solved, ensemble created, first record asked for); aborts with `signal`. */
  static async start(
    params: RegressionParams,
    backend: Backend,
    signal?: AbortSignal,
  ): Promise<RegressionRun> {
    const config: EnsembleConfig = {
      problem: { name: 'regression2d', p: params.p, sigma: params.sigma },
      optimizer: { name: 'adam', gamma: params.gamma, a: params.a, b: params.b },
      trajectories: params.n,
      seed: params.seed,
      x0: params.x0,
    };
    const resolved = resolveEnsemble(config);
    const totalSteps = Math.max(1, Math.round(params.T / params.gamma));
    const finalTime = totalSteps * params.gamma;
    const ode = await integrateOde(
      {
        problem: resolved.problem,
        ode: 'adam',
        a: params.a,
        b: params.b,
        epsilon: resolved.groups[0]?.hyper.epsilon ?? 1e-8,
        x0: params.x0,
        finalTime,
        method: 'dopri5',
        outputTimes: Array.from({ length: ODE_POINTS + 1 }, (_, j) => (j * finalTime) / ODE_POINTS),
      },
      new CpuBackend(),
    );
    signal?.throwIfAborted();
    const xs = ode.records.x ?? new Float64Array();
    const odeX = {
      x: Float64Array.from({ length: xs.length / 2 }, (_, k) => xs[2 * k] ?? NaN),
      y: Float64Array.from({ length: xs.length / 2 }, (_, k) => xs[2 * k + 1] ?? NaN),
    };
    const ensemble = await createEnsemble(config, backend);
    if (signal?.aborted) {
      ensemble.destroy();
      signal.throwIfAborted();
    }
    const device =
      ensemble instanceof GpuEnsemble && backend.kind === 'webgpu'
        ? await backend.device()
        : undefined;
    const run = new RegressionRun(params, ensemble, ode, odeX, totalSteps, device);
    // The first statistics are read while the first frame draws (never awaited here: a new
    // run shows at once, its chart fills in when the readback lands).
    run.sample();
    return run;
  }

  get done(): boolean {
    return this.ensemble.step >= this.totalSteps;
  }

  /** Physical time of `step`. */
  timeOf(step: number): number {
    return step * this.params.gamma;
  }

  /** How many points of the ODE's dense output lie at or before `step`. */
  odeIndexAt(step: number): number {
    const points = this.odeX.x.length;
    return Math.min(points, Math.floor((step / this.totalSteps) * (points - 1) + 1e-9) + 1);
  }

  /** Whether the previous frame's GPU work is done (a frame may submit more). */
  get ready(): boolean {
    return !this.busy;
  }

  /**
   * Starts a frame: submits its k steps (k = the step rate plus what earlier frames owe, so
   * 0 on some frames when the rate is below 1; with `fastForward`, at least a 60th of the
   * run). Returns k, or undefined, submitting nothing, while the previous frame's work runs
   * (the frame is skipped). The frame's drawing follows, then `endFrame(k)`.
   */
  async beginFrame(fastForward = false): Promise<number | undefined> {
    if (this.done || this.busy || this.destroyed) return undefined;
    let steps: number;
    if (fastForward) {
      // A link to a time of the finished run: the run in about 60 pieces.
      steps = Math.max(Math.ceil(this.stepsPerFrame), Math.ceil(this.totalSteps / 60));
    } else {
      this.carry += this.stepsPerFrame;
      steps = Math.floor(this.carry + 1e-9);
      this.carry -= steps;
    }
    steps = Math.min(steps, this.totalSteps - this.ensemble.step);
    this.busy = true;
    this.frameStart = performance.now();
    this.measurePeriod(this.frameStart, fastForward ? undefined : steps);
    if (steps > 0) await this.ensemble.advance(steps);
    return steps;
  }

  /**
   * The period of the last frame (from its start to `now`, this frame's start) less its
   * steps' time: what a frame costs besides its steps (drawing, the main thread, the
   * compositor, the wait for the display). A pause (a period over a second) is not measured.
   */
  private measurePeriod(now: number, steps: number | undefined): void {
    const last = this.lastFrame;
    this.lastFrame = steps === undefined ? undefined : { start: now, steps };
    if (!last || this.msPerStep === undefined || this.framesMeasured <= 2) return;
    const period = now - last.start;
    if (period > 1000) return;
    const other = Math.max(0, period - last.steps * this.msPerStep);
    this.otherMs = this.otherMs === undefined ? other : 0.7 * this.otherMs + 0.3 * other;
  }

  /**
   * Ends the frame begun by `beginFrame` (its `steps` submitted, its drawing too): the GPU
   * time of both is measured when the GPU is done, never awaited; the next frame may start
   * then.
   */
  endFrame(steps: number): void {
    const start = this.frameStart;
    if (this.device) {
      void this.device.queue.onSubmittedWorkDone().then(
        () => this.measured(steps, performance.now() - start),
        () => (this.busy = false),
      );
    } else {
      this.measured(steps, performance.now() - start);
    }
  }

  /**
   * Adapts the step rate to the measured time `ms` of the last frame (`steps` steps and the
   * drawing): a frame without steps measures the drawing, one with steps the time per step
   * (beyond the drawing). The rate aims at `FRAME_BUDGET_MS` for steps and drawing; when the
   * drawing alone fills it (a software adapter, a large cloud), the steps get as much GPU
   * time as the drawing, so the run still advances (at most ×2 or ÷2 per frame; at least
   * `MIN_STEP_RATE`, at most a 240th of the run).
   */
  private measured(steps: number, ms: number): void {
    this.busy = false;
    // The first frames compile the render and step pipelines.
    if (++this.framesMeasured <= 2 || !Number.isFinite(ms)) return;
    const average = (old: number | undefined, value: number) =>
      old === undefined ? value : 0.7 * old + 0.3 * value;
    if (steps === 0) {
      this.drawMs = average(this.drawMs, ms);
    } else {
      // The frame's time less its drawing's (measured on frames without steps, the fixed
      // latency of a frame included): at most 90 % of it, so that a noisy drawing time
      // cannot make a step look free. (Half, before: on a loaded software adapter, where
      // that latency is ~100 ms and a small cloud's step a few ms, a step then looked like
      // half a frame, and a small run crawled.)
      const draw = Math.min(this.drawMs ?? 0, 0.9 * ms);
      this.msPerStep = average(this.msPerStep, Math.max(0.01, (ms - draw) / steps));
    }
    if (this.msPerStep === undefined) {
      // No step measured yet: grow as the old controller did while under the budget.
      if (ms < FRAME_BUDGET_MS)
        this.stepsPerFrame = Math.min(this.maxStepsPerFrame, this.stepsPerFrame * 1.25);
      return;
    }
    this.stepsPerFrame = nextStepRate(
      this.stepsPerFrame,
      this.drawMs ?? 0,
      this.msPerStep,
      this.maxStepsPerFrame,
      this.otherMs,
    );
    // A rate of 1 or more still measures the drawing now and then (one frame in 30 without
    // steps) so that a change of the view's cost is seen.
    if (this.stepsPerFrame >= 1 && this.framesMeasured % 30 === 0) this.carry -= this.stepsPerFrame;
  }

  /**
   * Starts reading the statistics of the current step unless a readback is in flight; the
   * frame never waits for it. One copy of the first `STAT_SAMPLE` positions (trajectory 0 among
   * them: the tracked point) into a staging buffer, then F and its quantiles in float64 here:
   * exact for N ≤ STAT_SAMPLE, a sample of i.i.d. trajectories above (no GPU reduction in the
   * frame loop). A snapshot of the whole cloud is kept for the time scrubber.
   */
  sample(): void {
    if (this.inFlight || this.destroyed) return;
    const step = this.ensemble.step;
    if (this.records.at(-1)?.step === step) return;
    // Submitted now, before any later step: it reads this step's state.
    const positions = this.readPositions();
    this.snapshot(step);
    this.inFlight = positions
      .then((xy) => {
        if (this.destroyed) return;
        this.records.push(this.recordOf(step, xy));
        this.tracked.steps.push(step);
        this.tracked.x.push(xy[0] ?? NaN);
        this.tracked.y.push(xy[1] ?? NaN);
      })
      .catch((error: unknown) => {
        // A readback cut short by destroy() is no failure.
        if (!this.destroyed) this.failure ??= error;
      })
      .finally(() => (this.inFlight = undefined));
  }

  /** The record of `step` from x₁, x₂ pairs: F's statistics (gradNorm and dist left NaN). */
  private recordOf(step: number, xy: Float64Array): EnsembleRecord {
    const problem = this.ensemble.resolved.problem;
    const count = xy.length / 2;
    const point = new Float64Array(2);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      point[0] = xy[2 * i] ?? NaN;
      point[1] = xy[2 * i + 1] ?? NaN;
      values[i] = problem.value(point);
    }
    const summary = summarize(values, { quantiles: RECORD_QUANTILES });
    const none = { mean: NaN, std: NaN, q05: NaN, q25: NaN, q50: NaN, q75: NaN, q95: NaN };
    return {
      group: 0,
      step,
      t: this.timeOf(step),
      F: metricStats(summary),
      gradNorm: none,
      dist: none,
      diverged: summary.nonFinite,
      count: summary.count,
    };
  }

  /** Resolves when no readback is in flight; rejects with a readback's error. */
  async settle(): Promise<void> {
    await this.inFlight;
    this.check();
  }

  /** Throws the error of a failed readback (the frame loop checks every frame). */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Whether a readback is in flight. */
  get sampling(): boolean {
    return this.inFlight !== undefined;
  }

  /** x₁, x₂ of the first `STAT_SAMPLE` trajectories now (one staging copy on WebGPU). */
  private async readPositions(): Promise<Float64Array> {
    const count = Math.min(this.params.n, STAT_SAMPLE);
    const device = this.device;
    if (!device || !(this.ensemble instanceof GpuEnsemble)) {
      const state = await this.ensemble.exportState();
      const d = state.dimension;
      return Float64Array.from({ length: 2 * count }, (_, k) => {
        const i = Math.floor(k / 2);
        return state.x[i * d + (k % 2)] ?? NaN;
      });
    }
    this.staging ??= device.createBuffer({
      label: 'RegressionRun.sample',
      size: count * 16,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const staging = this.staging;
    const encoder = device.createCommandEncoder({ label: 'RegressionRun.sampleEncoder' });
    encoder.copyBufferToBuffer(this.ensemble.positions, 0, staging, 0, count * 16);
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const data = new Float32Array(staging.getMappedRange());
    const xy = new Float64Array(2 * count);
    for (let i = 0; i < count; i++) {
      xy[2 * i] = data[4 * i] ?? NaN;
      xy[2 * i + 1] = data[4 * i + 1] ?? NaN;
    }
    staging.unmap();
    return xy;
  }

  /** Keeps the cloud at `step` for the time scrubber (within the memory budget). */
  private snapshot(step: number): void {
    const count = this.params.n;
    const bytes = count * 16;
    const limit = Math.min(MAX_SNAPSHOTS, Math.floor(SNAPSHOT_BYTES / bytes));
    if (this.snapshots.length >= limit) return;
    // Evenly over the run: skip steps closer than the run's length / limit to the last one.
    const last = this.snapshots.at(-1);
    if (last && step !== this.totalSteps && step - last.step < this.totalSteps / limit) return;
    const device = this.device;
    if (device && this.ensemble instanceof GpuEnsemble) {
      const buffer = device.createBuffer({
        label: 'RegressionRun.snapshot',
        size: bytes,
        usage: GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST,
      });
      const encoder = device.createCommandEncoder({ label: 'RegressionRun.snapshotEncoder' });
      encoder.copyBufferToBuffer(this.ensemble.positions, 0, buffer, 0, bytes);
      device.queue.submit([encoder.finish()]);
      this.snapshots.push({ step, cloud: { kind: 'gpu', buffer, count } });
      return;
    }
    const snapshot: Snapshot = { step, cloud: { kind: 'cpu', xy: new Float64Array(0), count } };
    this.snapshots.push(snapshot);
    void this.ensemble.exportState().then((state) => {
      const d = state.dimension;
      const xy = new Float64Array(2 * count);
      for (let i = 0; i < count; i++) {
        xy[2 * i] = state.x[i * d] ?? NaN;
        xy[2 * i + 1] = state.x[i * d + 1] ?? NaN;
      }
      snapshot.cloud = { kind: 'cpu', xy, count };
    });
  }

  /** The live cloud (the ensemble's state buffer on WebGPU). */
  async liveCloud(): Promise<Cloud> {
    const count = this.params.n;
    if (this.ensemble instanceof GpuEnsemble)
      return { kind: 'gpu', buffer: this.ensemble.positions, count };
    const state = await this.ensemble.exportState();
    const d = state.dimension;
    const xy = new Float64Array(2 * count);
    for (let i = 0; i < count; i++) {
      xy[2 * i] = state.x[i * d] ?? NaN;
      xy[2 * i + 1] = state.x[i * d + 1] ?? NaN;
    }
    return { kind: 'cpu', xy, count };
  }

  /** The last snapshot at or before `step` (the first one when none is). */
  snapshotAt(step: number): Snapshot | undefined {
    let found = this.snapshots[0];
    for (const snapshot of this.snapshots) if (snapshot.step <= step) found = snapshot;
    return found;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.ensemble.destroy();
    this.staging?.destroy();
    for (const { cloud } of this.snapshots) if (cloud.kind === 'gpu') cloud.buffer.destroy();
  }
}
