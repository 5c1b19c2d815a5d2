/**
 * Regression figure (talk Figs. 2 and 3): N ADAM trajectories on regression2d from one x0 as
 * a particle cloud drawn by a WebGPU render pipeline from the GPU state buffer (Canvas 2D on
 * the cpu backend), over the level sets of F, the debiased ODE solution and the interpolated
 * path of one trajectory; beside it F(x(t)). Parameters: gamma, a, b, n, seed, T, p, sigma,
 * x0 (two numbers), paused.
 */
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import {
  animate,
  lifetime,
  onAbort,
  Playback,
  playbackHandle,
  Serial,
  watchSize,
} from './layout.ts';
import { cpuCap } from './params.ts';
import { withRegressionExport } from './regression/export.ts';
import { RegressionView } from './regression/view.ts';
import { RegressionRun, type RegressionParams } from './regression/simulation.ts';
import type { FigureDefinition } from './types.ts';

/** The cpu fallback runs float64 TypeScript: keep its cloud small. */
export const CPU_MAX_TRAJECTORIES = 256;

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const { backend } = context;
  const life = lifetime(context.signal);
  const signal = life.signal;
  const { gamma, a, b, n, seed, T, p, sigma, x0, paused } = readFigureParameters(
    'regression',
    raw,
  ).values;
  const params: RegressionParams = {
    ...{ gamma, a, b, seed, T, p, sigma },
    n: cpuCap(context, n, CPU_MAX_TRAJECTORIES, 'trajectories'),
    x0: [x0[0] ?? 0, x0[1] ?? 0],
  };
  const device = backend.kind === 'webgpu' ? await backend.device() : undefined;
  const view = new RegressionView(host, backend, device, context.report);
  const run = await RegressionRun.start(params, backend);
  const serial = new Serial();
  onAbort(signal, () => void serial.run(() => run.destroy()));
  await serial.run(() => (signal.aborted ? undefined : view.show(run)));
  const playback = new Playback(!context.reducedMotion && !paused, signal);
  const failed = (error: unknown) => {
    if (!signal.aborted) context.fail(error);
  };
  for (const target of view.boxes)
    watchSize(target, signal, () => void serial.run(() => view.show(run)).catch(failed));
  animate({
    signal,
    playback,
    serial,
    context,
    done: () => run.done,
    frame: async () => {
      await run.advanceFrame();
      await view.frame(run);
    },
  });
  return withRegressionExport(playbackHandle(playback, life), run);
};

export const figure: FigureDefinition = { ...FIGURE_INFO.regression, mount };
