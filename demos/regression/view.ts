/**
 * The figures of the regression page: the plane (three stacked canvases, see scene.ts) and
 * the F(x(t)) chart. `show` lays everything out for a run; `frame` redraws what moves.
 */
import type { Backend, Frame } from 'adamscope';
import { CanvasSurface } from 'adamscope/browser';
import { element, figureSize } from '../shared/figure.ts';
import { drawLossChart } from './lossChart.ts';
import {
  canvasParticleLayer,
  gpuParticleLayer,
  PARTICLE_CSS,
  type ParticleLayer,
} from './particles.ts';
import { drawBase, drawOverlay, planeFrame, type PlaneData } from './scene.ts';
import type { RegressionRun } from './simulation.ts';

export class RegressionView {
  private readonly base = element<HTMLCanvasElement>('plane-base');
  private readonly overlay = element<HTMLCanvasElement>('plane-overlay');
  private readonly loss = element<HTMLCanvasElement>('loss-canvas');
  private readonly particles: ParticleLayer;
  private frameOf: Frame | undefined;
  private size = { plane: { width: 0, height: 0 }, loss: { width: 0, height: 0 } };
  private frames = 0;

  constructor(
    private readonly backend: Backend,
    device: GPUDevice | undefined,
  ) {
    const canvas = element<HTMLCanvasElement>('plane-particles');
    this.particles = device ? gpuParticleLayer(canvas, device) : canvasParticleLayer(canvas);
    canvas.dataset['renderer'] = this.particles.kind;
  }

  private planeData(run: RegressionRun): PlaneData {
    const problem = run.ensemble.resolved.problem;
    const point = new Float64Array(2);
    const { params } = run;
    return {
      value: (x, y) => {
        point[0] = x;
        point[1] = y;
        return problem.value(point);
      },
      x0: params.x0,
      xStar: [3, 1],
      ode: run.odeX,
      odeShown: run.odeIndex,
      tracked: run.tracked,
      particleColor: PARTICLE_CSS,
      title: 'ADAM on a 2-D linear regression',
      subtitle: `N = ${params.n.toLocaleString('en')} · γ = ${params.gamma} · a = ${params.a}, b = ${params.b} (α = 1 − aγ, β = 1 − bγ)`,
    };
  }

  /** Lays out the canvases for `run` and draws everything. */
  async show(run: RegressionRun): Promise<void> {
    const plane = element('plane');
    const loss = element('loss');
    this.size.plane = figureSize(plane, 0.75, 40, { maxHeight: 620 });
    this.size.loss = figureSize(loss, 0.75, 40, { maxHeight: 620 });
    const { width, height } = this.size.plane;
    const base = CanvasSurface.fit(this.base, width, height);
    const data = this.planeData(run);
    this.frameOf = planeFrame(base, data, data.subtitle);
    drawBase(base, this.frameOf, data);
    this.particles.resize(width, height);
    element('plane-stack').style.height = `${height}px`;
    await this.frame(run);
  }

  /** Redraws the particles, the paths and the chart for the run's current step. */
  async frame(run: RegressionRun): Promise<void> {
    const frame = this.frameOf;
    if (!frame) return;
    const { width, height } = this.size.plane;
    await this.particles.draw(run.ensemble, frame);
    drawOverlay(CanvasSurface.fit(this.overlay, width, height), frame, this.planeData(run));
    drawLossChart(this.loss, run, this.size.loss.width, this.size.loss.height);
    const t = run.ensemble.step * run.params.gamma;
    element('plane-caption').textContent =
      `t = nγ = ${t.toFixed(2)} (n = ${run.ensemble.step}) · particles drawn by ` +
      (this.particles.kind === 'webgpu'
        ? 'a WebGPU render pipeline from the GPU state buffer'
        : `Canvas 2D from the ${this.backend.kind} backend`) +
      ` · the orange path is trajectory 0 sampled every ${run.stepsPerFrame} step(s)`;
    element('loss-caption').textContent =
      'Median and 5–95 % band of F over the ensemble; dashed: F along the debiased ADAM ODE (Eq. 3.3) from the same x0, at t = nγ.';
    this.frames++;
    document.body.dataset['step'] = String(run.ensemble.step);
    document.body.dataset['frames'] = String(this.frames);
  }
}
