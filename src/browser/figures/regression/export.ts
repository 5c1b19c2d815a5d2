/** The regression figure's data, SVG (the F(x(t)) chart) and summary, for mountFigure's toolbar. */
import type { SvgSurface } from '../../../plot/svgSurface.ts';
import { fSeries } from '../layout.ts';
import type { FigureHandle } from '../types.ts';
import { drawLossChartOn } from './lossChart.ts';
import type { RegressionRun } from './simulation.ts';

const p3 = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : v.toPrecision(3);

/** Adds data(), svg() and summary() of `run` to `handle`. */
export function withRegressionExport(handle: FigureHandle, run: RegressionRun): FigureHandle {
  // The SVG writer is not needed for the first frame: it loads after the figure shows (until
  // then, the export falls back to the canvas).
  let Surface: typeof SvgSurface | undefined;
  void import('../../../plot/svgSurface.ts').then(
    (module) => (Surface = module.SvgSurface),
    () => undefined,
  );
  handle.svg = () => {
    if (!Surface) return undefined;
    const surface = new Surface(720, 420);
    drawLossChartOn(surface, run);
    return surface.toString();
  };
  handle.data = () => {
    const s = fSeries(run.records);
    return {
      figure: 'regression',
      params: {},
      tables: {
        'ADAM ensemble F': { t: s.t, F_q05: s.q05, F_median: s.median, F_q95: s.q95 },
        'ODE (debiased)': {
          t: Array.from(run.ode.times),
          F: Array.from(run.ode.records.F),
          x1: Array.from(run.odeX.x),
          x2: Array.from(run.odeX.y),
        },
        'tracked trajectory': { x1: [...run.tracked.x], x2: [...run.tracked.y] },
      },
    };
  };
  handle.summary = () => {
    const last = run.records.at(-1);
    const t = last?.t ?? 0;
    const times = Array.from(run.ode.times);
    let k = 0;
    while (k + 1 < times.length && (times[k + 1] ?? Infinity) <= t) k++;
    return (
      `${run.params.n} ADAM trajectories on regression2d (γ = ${run.params.gamma}, seed ${run.params.seed}) at t = ${p3(t)}: ` +
      `median F ${p3(last?.F.q50)} (5–95 %: ${p3(last?.F.q05)}–${p3(last?.F.q95)}), ODE F ${p3(run.ode.records.F[k])}.`
    );
  };
  return handle;
}
