/**
 * ADAM as a heavy ball (docs/math.md section 3, "Heavy ball with friction"): along ADAM's ODE
 * (Eq. 3.3) the position obeys c1(t) ẍ + c2(t) ẋ + ∇F(x) = 0, a ball whose mass
 * c1 = (r/a)D vanishes at t = 0 and whose friction c2 = D + (r/a)Ḋ changes with time
 * (r = 1 − e^{−at}, D = ε + √v̂). The figure rolls three balls on the graph of a 1-D F from the
 * same x0 at rest: ADAM's (`heavy-ball-adam`), the heavy ball ẍ + λẋ + ∇F = 0 (`heavy-ball`)
 * and gradient flow ẋ = −∇F (`gradient-flow`), integrated by the library's float64 dopri5
 * (src/ode, the reference engine: three single trajectories, no GPU needed), and draws x(t)
 * and the mass and friction of ADAM's ball (massFrictionAlong) against those of the heavy ball.
 * The double well is the x1 slice of `double-well` (x2 = 0 stays 0).
 *
 * Direct manipulation: x0 (the grey square on the graph of F) is dragged along x, or moved with
 * the arrow keys on the focused chart: the three ODEs are integrated again at once (the latest
 * position wins, nothing queues) and the balls start over from it; `x0` goes into the page's
 * URL on release. A time scrubber replays the run at any t (`t` in the URL; a link with `t`
 * opens still at that time).
 */
import { CpuBackend } from '../../backend/index.ts';
import type { OdeResult } from '../../ode/index.ts';
import { integrateOde } from '../../ode/integrateOde.ts';
import { massFrictionAlong } from '../../ode/massFriction.ts';
import { DEFAULT_MARGINS, type Frame } from '../../plot/axes.ts';
import { CanvasSurface } from '../../plot/canvasSurface.ts';
import { drawLineChart, type BandSeries, type LineSeries } from '../../plot/lineChart.ts';
import { niceDomain } from '../../plot/scale.ts';
import type { DrawingSurface } from '../../plot/surface.ts';
import { createProblem, type ProblemDescriptor } from '../../problems/index.ts';
import { FIGURE_INFO, readFigureParameters } from './catalog.ts';
import { dragPoint, pixelToData, TimeScrubber } from './interaction.ts';
import { animate, lifetime, Playback, playbackHandle, Serial } from './layout.ts';
import { ChartPanels } from './mechanics/panels.ts';
import type { FigureData, FigureDefinition } from './types.ts';

/** Output times 0, T/OUTPUTS, ..., T (the e2e test asks the CLI for the same grid). */
export const OUTPUTS = 200;
/** Seconds of animation for the whole horizon. */
const DURATION = 8;
const X_RANGE = [-2.05, 2.05] as const;

const BALLS = [
  { key: 'adam', label: "ADAM's ball", short: 'ADAM', color: '#0072b2', radius: 9 },
  {
    key: 'heavy',
    label: 'heavy ball, friction λ',
    short: 'heavy ball',
    color: '#009e73',
    radius: 6.5,
  },
  { key: 'flow', label: 'gradient flow', short: 'gradient flow', color: '#d55e00', radius: 4 },
] as const;

interface Solution {
  t: Float64Array;
  x: Float64Array;
  F: Float64Array;
}

/** x1(t) and F(t) of the single trajectory of `result` (dimension d). */
function solution(result: OdeResult): Solution {
  const d = result.dimension;
  const x = result.records.x ?? new Float64Array();
  return {
    t: Float64Array.from(result.times),
    x: Float64Array.from({ length: result.times.length }, (_, k) => x[k * d] ?? NaN),
    F: Float64Array.from(result.records.F),
  };
}

/** The value at time `t` by linear interpolation on the equispaced output grid. */
function at(values: ArrayLike<number>, t: number, T: number): number {
  const u = Math.min(Math.max(t / T, 0), 1) * (values.length - 1);
  const k = Math.min(Math.floor(u), values.length - 2);
  const w = u - k;
  return (1 - w) * (values[k] ?? NaN) + w * (values[k + 1] ?? NaN);
}

/** Values of `values` up to time `t` (the curve drawn so far). */
function upTo(s: ArrayLike<number>, times: ArrayLike<number>, t: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < times.length && (times[k] ?? Infinity) <= t + 1e-12; k++)
    out.push(s[k] ?? NaN);
  return out;
}

const mount: FigureDefinition['mount'] = async (host, raw, context) => {
  const life = lifetime(context.signal);
  const signal = life.signal;
  const read = readFigureParameters('heavy-ball', raw).values;
  const { problem: kind, a, b, friction: lambda, sigma, T } = read;
  const problem: ProblemDescriptor =
    kind === 'double-well'
      ? createProblem({ name: 'double-well', sigma })
      : createProblem({ name: 'quadratic-diag', dimension: 1, sigma });
  const f1 = (x: number) => problem.value(Float64Array.from(kind === 'double-well' ? [x, 0] : [x]));
  const outputTimes = Array.from({ length: OUTPUTS + 1 }, (_, k) => (T * k) / OUTPUTS);
  const cpu = new CpuBackend();
  /** The three balls from `x0`, and the domains of the charts. */
  const compute = async (x0: number) => {
    const start = kind === 'double-well' ? [x0, 0] : [x0];
    const base = { problem, x0: start, finalTime: T, method: 'dopri5' as const, outputTimes };
    const adamRun = await integrateOde({ ...base, ode: 'heavy-ball-adam', a, b }, cpu);
    const heavyRun = await integrateOde({ ...base, ode: 'heavy-ball', lambda }, cpu);
    const flowRun = await integrateOde({ ...base, ode: 'gradient-flow' }, cpu);
    const warnings = [adamRun, heavyRun, flowRun].flatMap((run) => run.warnings);
    const solutions = [solution(adamRun), solution(heavyRun), solution(flowRun)] as const;
    const coefficients = massFrictionAlong(adamRun);
    const times = solutions[0].t;
    const xs = solutions.flatMap((s) => Array.from(s.x));
    // The graph of F on X_RANGE (wide enough for every path).
    const lo = Math.min(X_RANGE[0], ...xs);
    const hi = Math.max(X_RANGE[1], ...xs);
    const gridX = Array.from({ length: 241 }, (_, k) => lo + ((hi - lo) * k) / 240);
    const gridF = gridX.map(f1);
    return {
      x0,
      warnings,
      solutions,
      coefficients,
      times,
      lo,
      hi,
      gridX,
      gridF,
      fDomain: niceDomain(Math.min(...gridF), Math.max(...gridF)),
      xDomain: niceDomain(Math.min(...xs), Math.max(...xs)),
      cDomain: niceDomain(
        Math.min(0, ...coefficients.friction, ...coefficients.mass),
        Math.max(1, lambda, ...coefficients.friction, ...coefficients.mass),
      ),
      finals: solutions.map((s) => ({ x: s.x[OUTPUTS] ?? NaN, F: s.F[OUTPUTS] ?? NaN })),
    };
  };
  let state = await compute(read.x0);
  state.warnings.forEach((w) => context.notice(w, 'info'));
  /** The landscape's axes while x0 is dragged (they stay put under the pointer). */
  let locked: { lo: number; hi: number; fDomain: readonly [number, number] } | undefined;
  /** The landscape chart's frame on its canvas (for the drag). */
  let landscapeFrame: Frame | undefined;
  let now = Math.min(read.t ?? 0, T);

  /** The balls at time `now` as filled discs (bands) centred on the curve, `r` px wide. */
  const balls = (surface: DrawingSurface, narrow: boolean): BandSeries[] => {
    const { lo, hi, fDomain } = locked ?? state;
    const m = DEFAULT_MARGINS;
    const pxX = (surface.width - m.left - m.right) / (hi - lo);
    const pxY = (surface.height - m.top - m.bottom - 14) / (fDomain[1] - fDomain[0]);
    return BALLS.map((ball, k) => {
      const s = state.solutions[k];
      const cx = at(s?.x ?? [], now, T);
      const r = ball.radius;
      const cy = f1(cx) + r / pxY;
      const xs = Array.from(
        { length: 25 },
        (_, j) => cx + (r / pxX) * Math.cos(Math.PI - (Math.PI * j) / 24),
      );
      const half = xs.map((x) => Math.sqrt(Math.max(0, r * r - ((x - cx) * pxX) ** 2)) / pxY);
      return {
        x: xs,
        lower: half.map((h) => cy - h),
        upper: half.map((h) => cy + h),
        color: ball.color,
        opacity: 1,
        label: narrow ? ball.short : ball.label,
      };
    });
  };

  const landscape = (surface: DrawingSurface, narrow: boolean) => {
    const { lo, hi, fDomain } = locked ?? state;
    const { x0 } = state;
    const frame = drawLineChart(surface, {
      title: narrow
        ? 'Balls on the graph of F'
        : `Three balls on the graph of F, t = ${now.toFixed(2)}`,
      subtitle: narrow
        ? `t = ${now.toFixed(2)}`
        : `F = ${kind === 'double-well' ? '¼(x² − 1)²' : '½x²'}, all from x0 = ${x0} at rest`,
      xLabel: 'x',
      yLabel: 'F(x)',
      xDomain: [lo, hi],
      yDomain: fDomain,
      bands: balls(surface, narrow),
      lines: [{ x: state.gridX, y: state.gridF, color: '#59636e', lineWidth: 1.5 }],
    });
    // x0, the handle to drag: a grey square on the graph.
    const px = frame.x(x0);
    const py = frame.y(f1(x0));
    surface.rect(px - 4, py - 4, 8, 8, { fill: '#59636e', stroke: '#ffffff' });
    if (surface instanceof CanvasSurface && landscapeCanvas) {
      landscapeFrame = frame;
      landscapeCanvas.dataset['x0Pixel'] = `${px.toFixed(1)},${py.toFixed(1)}`;
    }
  };

  const cursor = (domain: readonly [number, number]): LineSeries => ({
    x: [now, now],
    y: [domain[0], domain[1]],
    color: '#8c959f',
    lineWidth: 1,
    dash: [2, 3],
  });

  const paths = (surface: DrawingSurface, narrow: boolean) => {
    const { times, solutions, xDomain } = state;
    drawLineChart(surface, {
      title: narrow ? 'x(t)' : 'Position x(t) of the three balls',
      xLabel: 't',
      yLabel: 'x(t)',
      xDomain: [0, T],
      yDomain: xDomain,
      lines: [
        cursor(xDomain),
        ...BALLS.map((ball, k) => ({
          x: upTo(times, times, now),
          y: upTo(solutions[k]?.x ?? [], times, now),
          label: narrow ? ball.short : ball.label,
          color: ball.color,
        })),
      ],
    });
  };

  const massFriction = (surface: DrawingSurface, narrow: boolean) => {
    const { times, coefficients, cDomain } = state;
    drawLineChart(surface, {
      title: narrow ? 'Mass and friction' : 'Mass c1(t) and friction c2(t): c1ẍ + c2ẋ + ∇F = 0',
      subtitle: narrow
        ? 'solid mass, dashed friction'
        : 'solid: mass; dashed: friction; heavy ball: mass 1, friction λ',
      xLabel: 't',
      yLabel: 'coefficient',
      xDomain: [0, T],
      yDomain: cDomain,
      lines: [
        cursor(cDomain),
        {
          x: times,
          y: coefficients.mass,
          label: narrow ? 'ADAM mass' : 'ADAM: mass c1 = (r/a)D',
          color: BALLS[0].color,
        },
        {
          x: times,
          y: coefficients.friction,
          label: narrow ? 'ADAM friction' : 'ADAM: friction c2 = D + (r/a)Ḋ',
          color: BALLS[0].color,
          dash: [6, 4],
        },
        {
          x: [0, T],
          y: [1, 1],
          label: narrow ? 'heavy ball mass' : 'heavy ball: mass 1',
          color: BALLS[1].color,
        },
        {
          x: [0, T],
          y: [lambda, lambda],
          label: narrow ? 'heavy ball friction' : `heavy ball: friction λ = ${lambda}`,
          color: BALLS[1].color,
          dash: [6, 4],
        },
      ],
    });
  };

  const panels = new ChartPanels(
    host,
    ['heavy-ball-landscape', 'heavy-ball-paths', 'heavy-ball-coefficients'],
    [landscape, paths, massFriction],
    signal,
  );
  const finalText = () =>
    BALLS.map(
      (ball, k) => `${ball.short} at x = ${at(state.solutions[k]?.x ?? [], now, T).toFixed(3)}`,
    ).join(', ');
  const captions = () => {
    panels.caption(0, `t = ${now.toFixed(2)}: ${finalText()}.`);
    panels.caption(
      1,
      `Same x0 = ${state.x0}, ẋ(0) = 0 for the heavy ball; ADAM's ball starts with ẋ(0) = −∇F/(ε + √S) (zero mass). a = ${a}, b = ${b}, σ = ${sigma}, λ = ${lambda}.`,
    );
    panels.caption(
      2,
      `ADAM's mass grows from 0 over a time ~1/a = ${(1 / a).toPrecision(2)}; D = ε + √v̂ follows √S(x) = √(∇F² + σ²) with delay ~1/b.`,
    );
  };
  const show = () => {
    captions();
    panels.redraw();
    scrubber.set(now);
    context.report('t', now.toFixed(3));
  };
  const reportFinals = () => {
    const { finals } = state;
    context.report('adamFinalF', String(finals[0]?.F));
    context.report('heavyFinalF', String(finals[1]?.F));
    context.report('flowFinalF', String(finals[2]?.F));
    context.report('x0', String(state.x0));
  };
  // The whole run is known at once: the scrubber replays it at any t.
  const scrubber = new TimeScrubber(host, {
    signal,
    label: 't ',
    format: (t) => `t = ${t.toFixed(2)}`,
    input: (t, commit) => {
      now = t;
      last = undefined;
      show();
      if (now < T) play();
      context.setParameters({ t: t.toFixed(2) }, commit);
    },
    live: () => {
      now = T;
      show();
      context.setParameters({ t: undefined }, true);
    },
  });
  scrubber.enable(T);
  host.append(scrubber.element);
  const landscapeCanvas = host.querySelector<HTMLCanvasElement>('#heavy-ball-landscape');
  if (!landscapeCanvas) throw new Error('heavy-ball: no landscape canvas');
  reportFinals();
  show();

  // A link with `t` opens still at that time.
  const playback = new Playback(
    !read.paused && !context.reducedMotion && read.t === undefined,
    signal,
  );
  let last: number | undefined;
  /** Whether an animation loop runs (it ends at T; play, a drag or the scrubber start one). */
  let looping = false;
  const play = () => {
    if (looping) return;
    looping = true;
    animate({
      signal,
      playback,
      serial: new Serial(),
      context,
      done: () => {
        looping = now < T;
        return !looping;
      },
      frame: async () => {
        const clock = performance.now();
        const elapsed = last === undefined ? 1 / 60 : Math.min(0.1, (clock - last) / 1000);
        last = clock;
        now = Math.min(T, now + (elapsed * T) / DURATION);
        show();
        await Promise.resolve();
      },
    });
  };
  play();

  // x0 dragged: integrate again from the latest position (a computation under way is not
  // queued behind), the balls start over at t = 0.
  let wanted: number | undefined;
  let computing = false;
  const restart = async () => {
    if (computing) return;
    computing = true;
    try {
      while (wanted !== undefined && !signal.aborted) {
        const x0 = wanted;
        wanted = undefined;
        const fresh = await compute(x0);
        if (signal.aborted || wanted !== undefined) continue;
        state = fresh;
        now = 0;
        last = undefined;
        reportFinals();
        show();
        play();
      }
    } finally {
      computing = false;
    }
  };
  const rule = FIGURE_INFO['heavy-ball'].parameters.x0;
  const [x0Min, x0Max] = [Number(rule.min), Number(rule.max)];
  dragPoint(landscapeCanvas, {
    signal,
    position: () => {
      const frame = landscapeFrame;
      return frame ? [frame.x(state.x0), frame.y(f1(state.x0))] : undefined;
    },
    move: (px, py, commit) => {
      const frame = landscapeFrame;
      if (!frame) return;
      const [x] = pixelToData(frame, px, py);
      const x0 = Math.min(x0Max, Math.max(x0Min, Math.round(x * 100) / 100));
      locked = commit
        ? undefined
        : (locked ?? { lo: state.lo, hi: state.hi, fDomain: state.fDomain });
      wanted = x0;
      restart().then(() => {
        if (commit && !computing) show();
      }, context.fail);
      context.setParameters({ x0: String(x0), t: undefined }, commit);
    },
  });
  landscapeCanvas.setAttribute(
    'aria-label',
    'the graph of F: drag x0 (the grey square), or focus it and use the arrow keys, to start the balls from there',
  );
  const handle = playbackHandle(playback, life);
  const data = (): FigureData => {
    const { times, solutions, coefficients } = state;
    return {
      figure: 'heavy-ball',
      params: Object.fromEntries(
        Object.entries({ ...read, x0: state.x0, t: now }).map(([key, value]) => [
          key,
          String(value),
        ]),
      ),
      tables: {
        trajectories: {
          t: Array.from(times),
          adamX: Array.from(solutions[0].x),
          heavyBallX: Array.from(solutions[1].x),
          gradientFlowX: Array.from(solutions[2].x),
          adamMass: Array.from(coefficients.mass),
          adamFriction: Array.from(coefficients.friction),
        },
      },
    };
  };
  return {
    pause: () => {
      handle.pause();
      last = undefined;
    },
    resume: () => {
      // At the end, play replays from t = 0.
      if (now >= T) now = 0;
      last = undefined;
      play();
      handle.resume();
    },
    get playing() {
      return handle.playing;
    },
    destroy: () => handle.destroy(),
    data,
    svg: () => panels.svg(),
    summary: () =>
      `From x0 = ${state.x0} on F = ${kind === 'double-well' ? '¼(x² − 1)²' : '½x²'}, at t = ${now.toFixed(2)}: ${finalText()}; ` +
      `at T = ${T}, F = ${state.finals.map((f, k) => `${f.F.toPrecision(3)} (${BALLS[k]?.short})`).join(', ')}.`,
  };
};

export const figure: FigureDefinition = { ...FIGURE_INFO['heavy-ball'], mount };

/**
 * Chunking only: the bundler groups modules by the set of figures that load them. Without the
 * ensemble engine here, the chunk shared by regression, debiasing and dimension-100 (engine,
 * ODE, charts) splits in two and each of those figures pays the extra gzip of the split (about
 * 3 kB, `npx tsx scripts/bundle-size.ts`). Re-exported, the engine stays one chunk.
 */
export { createEnsemble } from '../../ensemble/run.ts';
