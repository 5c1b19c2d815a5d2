/**
 * Landscape figure (talk Fig. 1, in two dimensions): a cloud of particles from one Gaussian
 * cloud of starting points, per optimizer (ADAM, SGD, heavy ball, RMSProp; two side by side
 * from the same cloud), drawn live from the GPU state buffer over the heat map and level
 * sets of F, with live statistics (median F, the fraction near each minimum, with confidence
 * intervals) from asynchronous readbacks, at most one in flight per panel. Steps per frame
 * adapt to the measured frame time (FrameBudget). Parameters: catalog.ts `landscape`. x0 is
 * dragged on the panels (landscape/interact.ts): a run from it replaces the running one.
 */
import { FIGURE_INFO, LANDSCAPE_DEFAULTS, readFigureParameters } from './catalog.ts';
import { FrameBudget } from './frameBudget.ts';
import { animate, lifetime, onAbort, Playback, Serial, watchSize } from './layout.ts';
import { dragLandscapeX0 } from './landscape/interact.ts';
import { landscapeProblem } from './landscape/problems.ts';
import { LandscapeReplay } from './landscape/replay.ts';
import { LandscapeRun, OPTIMIZER_TITLES, type LandscapeParams } from './landscape/simulation.ts';
import { LandscapeView } from './landscape/view.ts';
import type { FigureData, FigureDefinition, FigureHandle } from './types.ts';

/** Particles per panel when `n` is absent, and the most the cpu backend runs. */
export const LANDSCAPE_SIZES = { hardware: 16384, software: 2048, cpu: 256 } as const;

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const { backend } = context;
  const life = lifetime(context.signal);
  const signal = life.signal;
  const v = readFigureParameters('landscape', raw).values;
  // Network mode (issue 11): a loss-landscape slice of a network, landscape/network.ts.
  if (v.dataset !== 'none') {
    const { mountNetworkLandscape } = await import('./landscape/network.ts');
    return mountNetworkLandscape(host, { ...v, seed: String(v.seed) }, context);
  }
  const software = backend.kind === 'webgpu' && backend.adapter.isSoftware;
  let n = v.n ?? (software ? LANDSCAPE_SIZES.software : LANDSCAPE_SIZES.hardware);
  if (backend.kind === 'cpu' && n > LANDSCAPE_SIZES.cpu) {
    n = LANDSCAPE_SIZES.cpu;
    context.notice(
      `the cpu backend runs at most ${LANDSCAPE_SIZES.cpu} particles per panel here`,
      'info',
    );
  } else if (software && v.n === undefined) {
    context.notice(
      `software adapter: ${n.toLocaleString('en')} particles per panel (up to 100,000 with n=…; slow here)`,
      'info',
    );
  } else if (software && n > 16384) {
    context.notice(
      `software adapter: ${n.toLocaleString('en')} particles per panel will animate slowly`,
      'warning',
    );
  }
  const defaults = LANDSCAPE_DEFAULTS[v.problem];
  const params: LandscapeParams = {
    problem: landscapeProblem(v.problem),
    optimizers: v.right === 'none' ? [v.left] : [v.left, v.right],
    n,
    gamma: v.gamma ?? defaults.gamma,
    T: v.T ?? defaults.T,
    a: v.a,
    b: v.b,
    momentum: v.momentum,
    sigma: v.sigma,
    x0: [v.x0[0] ?? 0, v.x0[1] ?? 0],
    spread: v.spread,
    seed: v.seed,
  };
  const device = backend.kind === 'webgpu' ? await backend.device() : undefined;
  let run = await LandscapeRun.start(params, backend);
  const serial = new Serial();
  const view = new LandscapeView(host, run, device);
  onAbort(signal, () => void serial.run(() => (view.destroy(), run.destroy())));
  const failed = (error: unknown) => {
    if (!signal.aborted) context.fail(error);
  };
  const budget = new FrameBudget({
    targetMs: backend.kind === 'cpu' ? 30 : 14,
    initial: 2,
    max: 2048,
  });
  let frames = 0;
  const replay = new LandscapeReplay(host, view, context, signal, v.t);
  const reportStats = () => {
    if (signal.aborted) return;
    replay.record(run);
    view.statistics();
    run.panels.forEach((panel, i) => {
      const s = panel.stats;
      if (!s) return;
      context.report(`median-${i}`, String(s.median));
      s.near.forEach((m, k) => context.report(`near-${i}-${k}`, String(m.fraction)));
    });
    context.report('statsStep', String(Math.min(...run.panels.map((p) => p.stats?.step ?? 0))));
  };
  const sample = () => {
    // A readback of a run replaced meanwhile (x0 dragged) may fail: only the current one counts.
    for (const panel of run.panels)
      panel.sample(reportStats, (error) => {
        if (run.panels.includes(panel)) failed(error);
      });
  };
  sample();
  await serial.run(() => view.show());
  for (const target of view.boxes)
    watchSize(
      target,
      signal,
      () =>
        void serial
          .run(() => {
            view.show();
            view.statistics();
          })
          .catch(failed),
    );
  const playback = new Playback(!context.reducedMotion && !v.paused, signal);
  // The loop ends once the run settles; a run from a dragged x0 starts it again.
  let looping = false;
  const loop = () => {
    if (looping) return;
    looping = true;
    animate({
      signal,
      playback,
      serial,
      context,
      done: () => {
        looping = !run.settled;
        if (!looping) replay.settled(run);
        return !looping;
      },
      frame: async () => {
        if (!run.done) {
          const started = performance.now();
          const steps = budget.steps;
          await run.advance(steps);
          budget.measured(performance.now() - started);
          context.report('stepsPerFrame', String(steps));
        }
        view.frame();
        // Never awaited here: the statistics arrive when the readback lands.
        if (!run.panels.some((p) => p.busy)) sample();
        frames++;
        context.report('step', String(run.step));
        context.report('frames', String(frames));
        if (run.done) await new Promise((resolve) => setTimeout(resolve, 30));
      },
    });
  };
  loop();
  dragLandscapeX0(view, {
    signal,
    context,
    x0: () => run.params.x0,
    restart: async (x0, stale) => {
      const fresh = await LandscapeRun.start({ ...run.params, x0 }, backend);
      if (stale()) return fresh.destroy();
      await serial.run(() => {
        const old = run;
        run = fresh;
        view.setRun(fresh);
        old.destroy();
        view.show();
        view.statistics();
      });
      context.report('x0', x0.join(','));
      sample();
      loop();
    },
  });
  const summary = (): string => {
    const parts = run.panels.map((panel) => {
      const s = panel.stats;
      if (!s) return `${OPTIMIZER_TITLES[panel.optimizer]}: no statistics yet`;
      const near = s.near
        .map((m) => `${(100 * m.fraction).toFixed(1)} % near ${m.label}`)
        .join(', ');
      return `${OPTIMIZER_TITLES[panel.optimizer]} at t = ${s.t.toFixed(2)}: median F = ${s.median.toPrecision(3)}, ${near}`;
    });
    return `${params.problem.title}, ${params.n.toLocaleString('en')} particles per optimizer from one cloud around (${run.params.x0.join(', ')}). ${parts.join('; ')}.`;
  };
  const data = (): FigureData | undefined => {
    const rows = run.panels.flatMap((panel) => panel.history.map((h) => ({ panel, h })));
    if (rows.length === 0) return undefined;
    const minima = params.problem.minima;
    return {
      figure: 'landscape',
      params: {
        problem: v.problem,
        left: v.left,
        right: v.right,
        n: String(params.n),
        gamma: String(params.gamma),
        T: String(params.T),
        a: String(params.a),
        b: String(params.b),
        momentum: String(params.momentum),
        sigma: params.sigma === undefined ? '' : String(params.sigma),
        x0: run.params.x0.join(','),
        spread: String(params.spread),
        seed: params.seed,
        backend: backend.kind,
      },
      tables: {
        statistics: {
          optimizer: rows.map((r) => r.panel.optimizer),
          step: rows.map((r) => r.h.step),
          t: rows.map((r) => r.h.t),
          medianF: rows.map((r) => r.h.median),
          medianLow: rows.map((r) => r.h.medianLow),
          medianHigh: rows.map((r) => r.h.medianHigh),
          q25: rows.map((r) => r.h.q25),
          q75: rows.map((r) => r.h.q75),
          diverged: rows.map((r) => r.h.diverged),
          ...Object.fromEntries(
            minima.map((m, k) => [
              `near ${m.label}`,
              rows.map((r) => r.h.near[k]?.fraction ?? NaN),
            ]),
          ),
        },
      },
    };
  };
  const handle: FigureHandle = {
    pause: () => playback.pause(),
    resume: () => playback.resume(),
    get playing() {
      return playback.playing;
    },
    destroy: () => life.abort(),
    data,
    svg: () => view.svg(),
    summary,
  };
  return handle;
};

export const figure: FigureDefinition = { ...FIGURE_INFO.landscape, mount };
