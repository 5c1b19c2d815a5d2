/**
 * The F(x(t)) chart of the regression figure: ensemble median and 5–95 % band vs the ODE, up to
 * the step shown (the live step, or the time scrubber's).
 */
import { CanvasSurface } from '../../../plot/canvasSurface.ts';
import type { DrawingSurface } from '../../../plot/surface.ts';
import { drawLineChart } from '../../../plot/lineChart.ts';
import { niceDomain } from '../../../plot/scale.ts';
import { fSeries } from '../layout.ts';
import type { RegressionRun } from './simulation.ts';

export function drawLossChart(
  canvas: HTMLCanvasElement,
  run: RegressionRun,
  width: number,
  height: number,
  step: number,
): void {
  drawLossChartOn(CanvasSurface.fit(canvas, width, height), run, step);
}

/** The chart of `drawLossChart` on any surface (an SvgSurface for the SVG download). */
export function drawLossChartOn(
  surface: DrawingSurface,
  run: RegressionRun,
  step: number = run.ensemble.step,
): void {
  const width = surface.width;
  const series = fSeries(run.records.filter((r) => r.step <= step));
  const odeT = Array.from(run.ode.times);
  const odeF = Array.from(run.ode.records.F);
  const finite = [...odeF, ...series.q95.slice(0, 3)].filter(Number.isFinite);
  const high = Math.max(...finite);
  const low = Math.min(...odeF.filter(Number.isFinite), ...series.q05.filter(Number.isFinite));
  const { gamma, n } = run.params;
  const t = `t = nγ = ${(step * gamma).toFixed(2)}`;
  drawLineChart(surface, {
    title: width < 420 ? 'F(x(t)): ADAM vs the ODE' : 'F(x(t)): ADAM ensemble vs the ODE',
    subtitle: width < 420 ? t : `N = ${n.toLocaleString('en')} · γ = ${gamma} · ${t}`,
    xLabel: 't = nγ',
    yLabel: 'F',
    xDomain: [0, run.totalSteps * gamma],
    yDomain: niceDomain(low, high),
    bands: [
      { x: series.t, lower: series.q05, upper: series.q95, label: 'ADAM 5–95 %', color: '#0072b2' },
    ],
    lines: [
      { x: series.t, y: series.median, label: 'ADAM median', color: '#0072b2' },
      { x: odeT, y: odeF, label: 'ODE (debiased)', color: '#000000', dash: [6, 4] },
    ],
  });
}
