/**
 * What the landscape figure draws on a DrawingSurface (canvas or SVG): a panel's axes and
 * heat map, its markers (minima with their radius, the centre of the initial cloud), points
 * from a readback (the SVG export; the live cloud is drawn by the particle layer), and the
 * chart of median F against t. `translated` places one drawing inside a larger surface, so
 * that the export is one SVG document of every chart.
 */
import { drawAxes, frameFor, type Frame } from '../../../plot/axes.ts';
import { drawLineChart, type BandSeries, type LineSeries } from '../../../plot/lineChart.ts';
import { niceDomain } from '../../../plot/scale.ts';
import type { DrawingSurface } from '../../../plot/surface.ts';
import { translatedSurface } from '../../../plot/translatedSurface.ts';
import { drawHeatMap, type HeatGrid } from './heatMap.ts';
import type { LandscapeProblem } from './problems.ts';
import type { PositionSnapshot } from './readback.ts';
import { OPTIMIZER_TITLES, type LandscapePanel, type LandscapeParams } from './simulation.ts';

/** Okabe–Ito colours per panel (left, right). */
export const PANEL_COLORS = ['#0072b2', '#d55e00'] as const;
export const PANEL_RGBA: readonly (readonly [number, number, number, number])[] = [
  [0, 0.447, 0.698, 0.45],
  [0.835, 0.369, 0, 0.45],
];

/** `surface` seen through a window at (dx, dy) of size width × height. */
export const translated = translatedSurface;

export interface PanelText {
  title: string;
  subtitle: string;
}

/** The text of panel `index` at `width` px. */
export function panelText(params: LandscapeParams, index: number, width: number): PanelText {
  const name = params.optimizers[index] ?? 'adam';
  const narrow = width < 360;
  return {
    title: `${OPTIMIZER_TITLES[name]} on ${narrow ? params.problem.name : params.problem.title}`,
    subtitle: `N = ${params.n.toLocaleString('en')} · γ = ${params.gamma}${narrow ? '' : ` · cloud σ0 = ${params.spread}`}`,
  };
}

/** The plot frame of a panel: the problem's box, filling the surface. */
export function panelFrame(
  surface: DrawingSurface,
  problem: LandscapeProblem,
  text: PanelText,
): Frame {
  return frameFor(surface, problem.xDomain, problem.yDomain, {
    title: text.title,
    subtitle: text.subtitle,
    xLabel: 'x₁',
    yLabel: 'x₂',
  });
}

/** Axes and heat map of a panel. */
export function drawPanelBase(
  surface: DrawingSurface,
  frame: Frame,
  grid: HeatGrid,
  value: (x: number, y: number) => number,
  text: PanelText,
): void {
  drawAxes(surface, frame, { ...text, xLabel: 'x₁', yLabel: 'x₂' });
  drawHeatMap(surface, frame, grid, value);
}

/** The minima (with the circle of "near") and the centre of the initial cloud. */
export function drawMarkers(
  surface: DrawingSurface,
  frame: Frame,
  problem: LandscapeProblem,
  x0: readonly [number, number],
): void {
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  for (const minimum of problem.minima) {
    const [mx, my] = minimum.at;
    const circle: number[] = [];
    for (let k = 0; k <= 48; k++) {
      const angle = (2 * Math.PI * k) / 48;
      circle.push(
        frame.x(mx + problem.radius * Math.cos(angle)),
        frame.y(my + problem.radius * Math.sin(angle)),
      );
    }
    surface.polyline(circle, { stroke: '#009e73', lineWidth: 1.5, dash: [3, 3] });
    const px = frame.x(mx);
    const py = frame.y(my);
    surface.rect(px - 4, py - 4, 8, 8, { fill: '#009e73', stroke: '#ffffff' });
  }
  const cx = frame.x(x0[0]);
  const cy = frame.y(x0[1]);
  surface.polyline([cx - 6, cy, cx + 6, cy], { stroke: '#1f2328', lineWidth: 2 });
  surface.polyline([cx, cy - 6, cx, cy + 6], { stroke: '#1f2328', lineWidth: 2 });
  surface.unclip();
}

/** Up to `max` points of a readback as small squares (the SVG export of the cloud). */
export function drawPoints(
  surface: DrawingSurface,
  frame: Frame,
  snapshot: PositionSnapshot,
  color: string,
  max = 2000,
): void {
  const every = Math.max(1, Math.ceil(snapshot.count / max));
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  for (let i = 0; i < snapshot.count; i += every) {
    const x = snapshot.values[i * snapshot.stride] ?? NaN;
    const y = snapshot.values[i * snapshot.stride + 1] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    surface.rect(frame.x(x) - 1.25, frame.y(y) - 1.25, 2.5, 2.5, { fill: color, opacity: 0.6 });
  }
  surface.unclip();
}

/** Median F with its interquartile band against t, one curve per panel. */
export function drawStatsChart(
  surface: DrawingSurface,
  panels: readonly LandscapePanel[],
  params: LandscapeParams,
  totalSteps: number,
): void {
  const lines: LineSeries[] = [];
  const bands: BandSeries[] = [];
  let low = Infinity;
  let high = -Infinity;
  panels.forEach((panel, i) => {
    const color = PANEL_COLORS[i] ?? '#000000';
    const t = panel.history.map((h) => h.t);
    const title = OPTIMIZER_TITLES[panel.optimizer];
    const median = panel.history.map((h) => h.median);
    const q25 = panel.history.map((h) => h.q25);
    const q75 = panel.history.map((h) => h.q75);
    for (const v of [...q25, ...q75]) {
      if (Number.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    bands.push({ x: t, lower: q25, upper: q75, label: `${title} 25–75 %`, color });
    lines.push({ x: t, y: median, label: `${title} median`, color, lineWidth: 2 });
  });
  const narrow = surface.width < 420;
  drawLineChart(surface, {
    title: narrow ? 'Median F(x_n)' : 'Median F(x_n) and its 25–75 % band',
    subtitle: `t = nγ up to ${params.T}`,
    xLabel: 't = nγ',
    yLabel: 'F',
    xDomain: [0, totalSteps * params.gamma],
    yDomain: Number.isFinite(low) ? niceDomain(Math.min(0, low), high) : [0, 1],
    bands,
    lines,
  });
}
