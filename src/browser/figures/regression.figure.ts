/**
 * Regression figure (talk Figs. 2 and 3): N ADAM trajectories on regression2d from one x0 as
 * a particle cloud drawn by a WebGPU render pipeline from the GPU state buffer (Canvas 2D on
 * the cpu backend), over the level sets of F, the debiased ODE solution and the interpolated
 * path of one trajectory; beside it F(x(t)). Parameters: gamma, a, b, n, seed, T, p, sigma,
 * x0 (two numbers), paused, t.
 *
 * Direct manipulation: x0 is dragged on the level sets (the run restarts from it at once; the
 * run being built is dropped for the latest position), and a time scrubber replays the
 * finished run (`t`). Both go into the page's URL (`context.setParameters`). The frame loop
 * never waits on the GPU inside a frame (regression/simulation.ts).
 */
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { dragPoint, TimeScrubber } from './interaction.ts';
import {
  lifetime,
  nextFrame,
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
/** Above this many particles a software adapter gets a warning. */
export const SOFTWARE_WARNING_TRAJECTORIES = 16384;

/** Statistics (F quantiles, the tracked point) are read at most this often, in ms. */
const SAMPLE_MS = 120;

/** A coordinate of x0 as written in the URL (a drag lands on a 0.01 grid). */
const coordinate = (value: number) => String(Math.round(value * 100) / 100);

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const { backend } = context;
  const life = lifetime(context.signal);
  const signal = life.signal;
  const values = readFigureParameters('regression', raw).values;
  const { gamma, a, b, n, seed, T, p, sigma, x0, paused } = values;
  let params: RegressionParams = {
    ...{ gamma, a, b, seed, T, p, sigma },
    n: cpuCap(context, n, CPU_MAX_TRAJECTORIES, 'trajectories'),
    x0: [x0[0] ?? 0, x0[1] ?? 0],
  };
  if (backend.kind === 'webgpu' && backend.adapter.isSoftware && n > SOFTWARE_WARNING_TRAJECTORIES)
    context.notice(
      `${n.toLocaleString('en')} particles on a software adapter (${backend.adapter.label}): ` +
        'the frame loop takes fewer steps per frame to stay responsive, so the run advances slowly',
    );
  const device = backend.kind === 'webgpu' ? await backend.device() : undefined;
  const view = new RegressionView(host, backend, device, context.report, params.n);
  // The step the scrubber shows (undefined: live); from `t` once the run is finished.
  let replay: number | undefined;
  let wantedTime = values.t;
  const stepOf = (t: number) => Math.min(run.totalSteps, Math.max(0, Math.round(t / gamma)));
  const scrubber = new TimeScrubber(host, {
    signal,
    label: 't = nγ ',
    format: (t) => `t = ${t.toFixed(2)}`,
    input: (t, commit) => {
      replay = stepOf(t);
      void serial.run(() => view.frame(run, replay)).catch(failed);
      context.setParameters({ t: t.toFixed(3) }, commit);
    },
    live: () => {
      replay = undefined;
      scrubber.set(run.totalSteps * gamma);
      void serial.run(() => view.frame(run)).catch(failed);
      context.setParameters({ t: undefined }, true);
    },
  });
  host.append(scrubber.element);

  let run = await RegressionRun.start(params, backend, signal);
  const serial = new Serial();
  onAbort(signal, () => void serial.run(() => run.destroy()));
  await serial.run(() => (signal.aborted ? undefined : view.show(run)));
  const playback = new Playback(!context.reducedMotion && !paused, signal);
  const failed = (error: unknown) => {
    if (!signal.aborted) context.fail(error);
  };
  for (const target of view.boxes)
    watchSize(target, signal, () => void serial.run(() => view.show(run)).catch(failed));

  /** Runs `current` frame by frame until it is finished or replaced. */
  const loop = async (current: RegressionRun) => {
    let finished = false;
    let lastSample = performance.now();
    while (!signal.aborted && current === run && !finished) {
      // A link with `t` replays a finished run: it computes even when paused.
      if (wantedTime === undefined) await playback.whenPlaying();
      await nextFrame();
      if (signal.aborted || current !== run) return;
      if (!playback.playing && wantedTime === undefined) continue;
      current.check();
      if (current.done) {
        // The last record, then the scrubber.
        if (current.records.at(-1)?.step !== current.totalSteps) {
          current.sample();
          await current.settle();
          if (current.records.at(-1)?.step !== current.totalSteps) continue;
        }
        finished = true;
        scrubber.enable(current.totalSteps * gamma);
        scrubber.set(wantedTime ?? current.totalSteps * gamma);
        replay = wantedTime === undefined ? undefined : stepOf(wantedTime);
        wantedTime = undefined;
        await serial.run(() => view.frame(current, replay));
        // The final median F the summary shows, at full precision (data-median).
        context.report('median', String(current.records.at(-1)?.F.q50));
        context.report('finished', 'true');
        continue;
      }
      if (wantedTime !== undefined) {
        // A link to a time of the run: computed in big pieces, drawn once finished (the
        // readback is awaited outside the serial queue, so inputs never wait behind it).
        const stepped = await serial.run(async () => {
          if (signal.aborted || current !== run) return false;
          const steps = await current.beginFrame(true);
          if (steps === undefined) return false;
          current.endFrame(steps);
          current.sample();
          return true;
        });
        if (stepped) await current.settle();
        continue;
      }
      await serial.run(async () => {
        if (signal.aborted || current !== run) return;
        // k steps (0 on some frames when a step costs more than a frame), or undefined: the
        // GPU is still on the last frame's work, so this frame submits nothing.
        const steps = await current.beginFrame();
        if (steps === undefined) return;
        try {
          // Statistics a few times a second (one readback in flight at most, never awaited).
          const now = performance.now();
          if (steps > 0 && now - lastSample >= SAMPLE_MS && !current.sampling) {
            lastSample = now;
            current.sample();
          }
          await view.frame(current);
        } finally {
          current.endFrame(steps);
        }
      });
    }
  };
  const start = (current: RegressionRun) => {
    context.report('finished', 'false');
    loop(current).catch(failed);
  };
  start(run);

  // x0 dragged: restart from the latest position (a start under way is not queued behind).
  let wanted: [number, number] | undefined;
  let starting = false;
  const restart = async (point: [number, number]) => {
    wanted = point;
    if (starting) return;
    starting = true;
    try {
      while (wanted && !signal.aborted) {
        params = { ...params, x0: wanted };
        wanted = undefined;
        const fresh = await RegressionRun.start(params, backend, signal);
        if (signal.aborted || wanted) {
          fresh.destroy();
          continue;
        }
        await serial.run(async () => {
          const old = run;
          run = fresh;
          old.destroy();
          replay = undefined;
          wantedTime = undefined;
          scrubber.disable();
          view.draggedX0 = undefined;
          await view.show(fresh);
        });
        start(fresh);
      }
    } finally {
      starting = false;
    }
  };
  dragPoint(view.planeBox, {
    signal,
    position: () => view.pixelOf(view.draggedX0 ?? params.x0),
    move: (px, py, commit) => {
      const point = view.dataAt(px, py);
      if (!point) return;
      const rounded: [number, number] = [
        Number(coordinate(point[0])),
        Number(coordinate(point[1])),
      ];
      view.draggedX0 = rounded;
      view.lockFrame = !commit;
      view.redrawOverlay(run);
      context.setParameters({ x0: rounded.map(coordinate).join(','), t: undefined }, commit);
      restart(rounded).catch(failed);
    },
  });
  view.planeBox.setAttribute(
    'aria-label',
    'the plane of x: drag x0 (or focus it and use the arrow keys) to restart the run from there',
  );

  return withRegressionExport(playbackHandle(playback, life), run);
};

export const figure: FigureDefinition = { ...FIGURE_INFO.regression, mount };
