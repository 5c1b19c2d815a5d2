/**
 * The figures of the regression figure: the plane (three stacked canvases, see scene.ts) and
 * the F(x(t)) chart, each in a box of aspect 4:3. `show` lays everything out for a run at the
 * boxes' current size; `frame` redraws what moves, at the live step or at a replayed one (the
 * time scrubber). x0 can be dragged on the plane (`planeBox`, `pixelOf`, `dataAt`).
 */
import type { Backend } from '../../../backend/index.ts';
import type { Frame } from '../../../plot/axes.ts';
import { CanvasSurface } from '../../../plot/canvasSurface.ts';
import { pixelToData } from '../interaction.ts';
import { box, el, sizeOf } from '../layout.ts';
import type { FigureContext } from '../types.ts';
import { drawLossChart } from './lossChart.ts';
import {
  canvasParticleLayer,
  gpuParticleLayer,
  PARTICLE_CSS,
  type ParticleLayer,
} from './particles.ts';
import { drawBase, drawOverlay, planeFrame, type PlaneData } from './scene.ts';
import type { RegressionRun } from './simulation.ts';

const ASPECT = 4 / 3;
/** The F(x(t)) chart is redrawn at most this often while the run plays (ms). */
const CHART_MS = 250;

/** The step rate as the caption says it (below 1: a step on some frames only). */
export function stepRateText(rate: number): string {
  return rate >= 1
    ? `${Math.round(rate)} step(s) per frame`
    : `a step every ${Math.round(1 / rate)} frames`;
}

export class RegressionView {
  readonly root: HTMLElement;
  private readonly base: HTMLCanvasElement;
  private readonly overlay: HTMLCanvasElement;
  private readonly loss: HTMLCanvasElement;
  readonly planeBox: HTMLElement;
  private readonly lossBox: HTMLElement;
  private readonly planeCaption: HTMLElement;
  private readonly particles: ParticleLayer;
  private frameOf: Frame | undefined;
  private size = { plane: { width: 0, height: 0 }, loss: { width: 0, height: 0 } };
  private frames = 0;
  private chartKey = '';
  private chartAt = -Infinity;
  private overlayKey = '';
  /** x0 being dragged (drawn at once, before its run starts). */
  draggedX0: [number, number] | undefined;
  /** Keep the plane's frame (during a drag of x0, so that the plane does not move). */
  lockFrame = false;

  constructor(
    host: HTMLElement,
    private readonly backend: Backend,
    device: GPUDevice | undefined,
    private readonly report: FigureContext['report'],
    count: number,
  ) {
    this.base = el(host, 'canvas', { id: 'plane-base' });
    const particles = el(host, 'canvas', { id: 'plane-particles' });
    this.overlay = el(host, 'canvas', { id: 'plane-overlay' });
    this.planeBox = box(host, ASPECT, { id: 'plane-stack' });
    this.planeBox.append(this.base, particles, this.overlay);
    this.planeCaption = el(host, 'figcaption', { id: 'plane-caption' });
    this.loss = el(host, 'canvas', { id: 'loss-canvas' });
    this.lossBox = box(host, ASPECT);
    this.lossBox.append(this.loss);
    const lossCaption = el(host, 'figcaption', {
      id: 'loss-caption',
      text: 'Median and 5–95 % band of F over the ensemble; dashed: F along the debiased ADAM ODE (Eq. 3.3) from the same x0, at t = nγ.',
    });
    this.root = el(host, 'div', { className: 'af-grid' }, [
      el(host, 'figure', { id: 'plane', className: 'af-panel' }, [
        this.planeBox,
        this.planeCaption,
      ]),
      el(host, 'figure', { id: 'loss', className: 'af-panel' }, [this.lossBox, lossCaption]),
    ]);
    host.append(this.root);
    this.particles = device
      ? gpuParticleLayer(particles, device, count, backend.adapter.isSoftware)
      : canvasParticleLayer(particles);
    particles.dataset['renderer'] = this.particles.kind;
  }

  /** The boxes whose size the figure follows. */
  get boxes(): HTMLElement[] {
    return [this.planeBox, this.lossBox];
  }

  private planeData(run: RegressionRun, step = run.ensemble.step): PlaneData {
    const problem = run.ensemble.resolved.problem;
    const point = new Float64Array(2);
    const { params } = run;
    const narrow = this.size.plane.width < 420;
    return {
      value: (x, y) => {
        point[0] = x;
        point[1] = y;
        return problem.value(point);
      },
      x0: this.draggedX0 ?? params.x0,
      xStar: [3, 1],
      ode: run.odeX,
      odeShown: run.odeIndexAt(step),
      tracked: trackedUpTo(run, step),
      particleColor: PARTICLE_CSS,
      title: narrow ? 'ADAM on a 2-D regression' : 'ADAM on a 2-D linear regression',
      subtitle: narrow
        ? `N = ${params.n.toLocaleString('en')} · γ = ${params.gamma} · a = ${params.a}, b = ${params.b}`
        : `N = ${params.n.toLocaleString('en')} · γ = ${params.gamma} · a = ${params.a}, b = ${params.b} (α = 1 − aγ, β = 1 − bγ)`,
    };
  }

  /** Lays out the canvases for `run` at the boxes' size and draws everything. */
  async show(run: RegressionRun): Promise<void> {
    this.size.plane = sizeOf(this.planeBox);
    this.size.loss = sizeOf(this.lossBox);
    const { width, height } = this.size.plane;
    if (width < 10 || height < 10) return;
    const base = CanvasSurface.fit(this.base, width, height);
    const data = this.planeData(run);
    if (!this.lockFrame || !this.frameOf) this.frameOf = planeFrame(base, data, data.subtitle);
    drawBase(base, this.frameOf, data);
    // Where x0 is, for tests and assistive tools (CSS pixels of the plane).
    const x0 = this.pixelOf(data.x0);
    if (x0) this.planeBox.dataset['x0Pixel'] = x0.map((v) => v.toFixed(1)).join(',');
    this.particles.resize(width, height);
    this.chartKey = '';
    this.overlayKey = '';
    await this.frame(run, this.shownStep);
  }

  /** The step a replay shows (undefined: the live step). */
  private shownStep: number | undefined;

  /** x0 in CSS pixels of the plane, once laid out. */
  pixelOf(x0: readonly [number, number]): [number, number] | undefined {
    const frame = this.frameOf;
    return frame ? [frame.x(x0[0]), frame.y(x0[1])] : undefined;
  }

  /** The point of the plane under (px, py), clamped to the plot frame. */
  dataAt(px: number, py: number): [number, number] | undefined {
    const frame = this.frameOf;
    if (!frame) return undefined;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    return pixelToData(
      frame,
      clamp(px, frame.left, frame.left + frame.width),
      clamp(py, frame.top, frame.top + frame.height),
    );
  }

  /** Redraws the overlay only (x0 moved by a drag). */
  redrawOverlay(run: RegressionRun): void {
    const frame = this.frameOf;
    if (!frame) return;
    const { width, height } = this.size.plane;
    const step = this.shownStep ?? run.ensemble.step;
    drawOverlay(CanvasSurface.fit(this.overlay, width, height), frame, this.planeData(run, step));
  }

  /**
   * Redraws the particles, the paths and the chart at `replay` (a step of the finished run,
   * its cloud from the nearest earlier snapshot) or, when undefined, at the run's current step.
   * The chart is redrawn only when its data changed.
   */
  async frame(run: RegressionRun, replay?: number): Promise<void> {
    this.shownStep = replay;
    const frame = this.frameOf;
    if (!frame) return;
    const { width, height } = this.size.plane;
    const step = replay ?? run.ensemble.step;
    const cloud = replay === undefined ? await run.liveCloud() : run.snapshotAt(replay)?.cloud;
    if (cloud) this.particles.draw(cloud, frame);
    // The overlay (paths, x0) and the chart only when what they show changed; the chart at a
    // few frames a second at most while the run plays (its subtitle follows t).
    // (The overlay shows the ODE's dense output up to the step: it changes every few steps.)
    const overlayKey = `${run.odeIndexAt(step)}:${run.tracked.steps.length}:${width}x${height}`;
    if (overlayKey !== this.overlayKey || replay !== undefined) {
      this.overlayKey = overlayKey;
      drawOverlay(CanvasSurface.fit(this.overlay, width, height), frame, this.planeData(run, step));
    }
    const key = `${run.records.length}:${step}`;
    const size = `${this.size.loss.width}x${this.size.loss.height}`;
    const now = performance.now();
    if (
      replay !== undefined ||
      !this.chartKey.endsWith(`@${size}`) ||
      (key !== this.chartKey.split('@')[0] && (now - this.chartAt >= CHART_MS || run.done))
    ) {
      this.chartKey = `${key}@${size}`;
      this.chartAt = now;
      drawLossChart(this.loss, run, this.size.loss.width, this.size.loss.height, step);
    }
    const t = step * run.params.gamma;
    this.planeCaption.textContent =
      `t = nγ = ${t.toFixed(2)} (n = ${step}, γ = ${run.params.gamma}) · particles drawn by ` +
      (this.particles.kind === 'webgpu'
        ? 'a WebGPU render pipeline from the GPU state buffer'
        : `Canvas 2D from the ${this.backend.kind} backend`) +
      ` · the orange path is trajectory 0 where its statistics were read` +
      (replay === undefined ? ` · ${stepRateText(run.stepsPerFrame)}` : ' · replay');
    this.countFrame(run, step);
  }

  /** Counts a drawn frame and reports it with its step and the step rate. */
  private countFrame(run: RegressionRun, step: number): void {
    this.frames++;
    this.report('step', String(step));
    this.report('frames', String(this.frames));
    this.report('stepsPerFrame', String(Number(run.stepsPerFrame.toPrecision(3))));
  }
}

/** The tracked trajectory's points at recorded steps up to `step`. */
function trackedUpTo(run: RegressionRun, step: number): { x: number[]; y: number[] } {
  const { steps, x, y } = run.tracked;
  let count = 0;
  while (count < steps.length && (steps[count] ?? Infinity) <= step) count++;
  return { x: x.slice(0, count), y: y.slice(0, count) };
}
