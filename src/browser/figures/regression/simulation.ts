/**
 * One run of the regression figure: N ADAM trajectories on regression2d from one x0 (the
 * ensemble engine, WebGPU or cpu) and the debiased ADAM ODE from the same x0 (integrateOde,
 * dense output at t = nγ), advanced a few steps per animation frame.
 */
import { CpuBackend, type Backend } from '../../../backend/index.ts';
import { resolveEnsemble, type EnsembleConfig } from '../../../ensemble/config.ts';
import type { EnsembleRecord } from '../../../ensemble/records.ts';
import { createEnsemble } from '../../../ensemble/run.ts';
import type { Ensemble } from '../../../ensemble/types.ts';
import { integrateOde, type OdeResult } from '../../../ode/index.ts';

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

/** Frames the run is spread over at most (steps per frame = ceil(steps / FRAMES)). */
const FRAMES = 360;

export class RegressionRun {
  readonly records: EnsembleRecord[] = [];
  tracked: { x: number[]; y: number[] } = { x: [], y: [] };

  private constructor(
    readonly params: RegressionParams,
    readonly ensemble: Ensemble,
    readonly ode: OdeResult,
    readonly odeX: { x: Float64Array; y: Float64Array },
    readonly totalSteps: number,
    readonly stepsPerFrame: number,
  ) {}

  static async start(params: RegressionParams, backend: Backend): Promise<RegressionRun> {
    const config: EnsembleConfig = {
      problem: { name: 'regression2d', p: params.p, sigma: params.sigma },
      optimizer: { name: 'adam', gamma: params.gamma, a: params.a, b: params.b },
      trajectories: params.n,
      seed: params.seed,
      x0: params.x0,
      track: [0],
    };
    const resolved = resolveEnsemble(config);
    const totalSteps = Math.max(1, Math.round(params.T / params.gamma));
    const stepsPerFrame = Math.max(1, Math.ceil(totalSteps / FRAMES));
    const outputSteps: number[] = [];
    for (let n = 0; n < totalSteps; n += stepsPerFrame) outputSteps.push(n);
    outputSteps.push(totalSteps);
    const ode = await integrateOde(
      {
        problem: resolved.problem,
        ode: 'adam',
        a: params.a,
        b: params.b,
        epsilon: resolved.groups[0]?.hyper.epsilon ?? 1e-8,
        x0: params.x0,
        finalTime: totalSteps * params.gamma,
        method: 'dopri5',
        outputTimes: outputSteps.map((n) => n * params.gamma),
      },
      new CpuBackend(),
    );
    const xs = ode.records.x ?? new Float64Array();
    const odeX = {
      x: Float64Array.from({ length: xs.length / 2 }, (_, k) => xs[2 * k] ?? NaN),
      y: Float64Array.from({ length: xs.length / 2 }, (_, k) => xs[2 * k + 1] ?? NaN),
    };
    const ensemble = await createEnsemble(config, backend);
    const run = new RegressionRun(params, ensemble, ode, odeX, totalSteps, stepsPerFrame);
    await run.recordNow();
    return run;
  }

  get done(): boolean {
    return this.ensemble.step >= this.totalSteps;
  }

  /** Index of the current time in the ODE's output times. */
  get odeIndex(): number {
    return Math.min(this.odeX.x.length, Math.ceil(this.ensemble.step / this.stepsPerFrame) + 1);
  }

  /** One frame: a few steps, then a record (F statistics and the tracked point). */
  async advanceFrame(): Promise<void> {
    if (this.done) return;
    await this.ensemble.advance(Math.min(this.stepsPerFrame, this.totalSteps - this.ensemble.step));
    await this.recordNow();
  }

  private async recordNow(): Promise<void> {
    const [record] = await this.ensemble.record();
    if (record) this.records.push(record);
    const [path] = await this.ensemble.trackedPaths();
    if (path)
      this.tracked = { x: path.x.map((p) => p[0] ?? NaN), y: path.x.map((p) => p[1] ?? NaN) };
  }

  destroy(): void {
    this.ensemble.destroy();
  }
}
