/**
 * Regression figure (talk Figs. 2 and 3): N ADAM trajectories on regression2d from one x0 as
 * a particle cloud drawn by a WebGPU render pipeline from the GPU state buffer (Canvas 2D on
 * the cpu backend), over the level sets of F, the debiased ODE solution and the interpolated
 * path of one trajectory; beside it F(x(t)). Parameters: gamma, a, b, n, seed, T, p, sigma,
 * x0 (two numbers), paused.
 */
import { FIGURE_INFO } from './catalog.ts';
import { lifetime, nextFrame, onAbort, Playback, Serial, watchSize } from './layout.ts';
import { ParameterReader } from './params.ts';
import { RegressionView } from './regression/view.ts';
import { RegressionRun, type RegressionParams } from './regression/simulation.ts';
import type { FigureContext, FigureDefinition, FigureHandle } from './types.ts';

/** The cpu fallback runs float64 TypeScript: keep its cloud small. */
export const CPU_MAX_TRAJECTORIES = 256;

function readParams(raw: Readonly<Record<string, string>>, context: FigureContext) {
  const read = new ParameterReader(raw);
  const gamma = read.number('gamma', 0.01, 1e-4, 0.5);
  const x0 = read.numbers('x0', [0, 0], 2);
  const params: RegressionParams = {
    gamma,
    a: read.number('a', 1, 1e-3, 1 / gamma),
    b: read.number('b', 1, 1e-3, 1 / gamma),
    n: read.number('n', 4096, 1, 2 ** 20, { integer: true }),
    seed: read.string('seed', '1'),
    T: read.number('T', 15, 0.01, 1000),
    p: read.number('p', 0.3, 0.01, 0.99),
    sigma: read.number('sigma', 1, 1e-3, 100),
    x0: [x0[0] ?? 0, x0[1] ?? 0],
  };
  read.report(context);
  if (context.backend.kind === 'cpu' && params.n > CPU_MAX_TRAJECTORIES) {
    context.notice(
      `the cpu backend draws at most ${CPU_MAX_TRAJECTORIES} trajectories here`,
      'info',
    );
    params.n = CPU_MAX_TRAJECTORIES;
  }
  return { params, paused: read.flag('paused') };
}

async function mount(
  host: HTMLElement,
  raw: Readonly<Record<string, string>>,
  context: FigureContext,
): Promise<FigureHandle> {
  const { backend } = context;
  const life = lifetime(context.signal);
  const signal = life.signal;
  const { params, paused } = readParams(raw, context);
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
  const loop = async () => {
    while (!signal.aborted && !run.done) {
      await playback.whenPlaying();
      await nextFrame();
      if (signal.aborted || !playback.playing) continue;
      await serial.run(async () => {
        if (signal.aborted) return;
        await run.advanceFrame();
        await view.frame(run);
      });
    }
  };
  loop().catch(failed);
  return {
    pause: () => playback.pause(),
    resume: () => playback.resume(),
    get playing() {
      return playback.playing;
    },
    destroy: () => life.abort(),
  };
}

export const figure: FigureDefinition = { ...FIGURE_INFO.regression, mount };
