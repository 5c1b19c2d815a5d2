/**
 * The plane figure of the regression page (talk Figs. 2 and 3), in three stacked canvases:
 * `base` (axes, level sets of F), the particle layer (drawn elsewhere: WebGPU or CPU), and
 * `overlay` (the ODE path, the interpolated path of one tracked trajectory, x0, x*, legend).
 */
import { drawAxes, frameFor, type Frame } from '../../../plot/axes.ts';
import type { CanvasSurface } from '../../../plot/canvasSurface.ts';
import { drawLegend, type LegendEntry } from '../../../plot/legend.ts';
import { contourLevels, contourSegmentsOn, gridValues } from './levelSets.ts';

/** What the plane shows, in data coordinates. */
export interface PlaneData {
  /** F on the plane (the problem's `value`). */
  value: (x: number, y: number) => number;
  x0: readonly [number, number];
  xStar: readonly [number, number];
  /** The ODE path at t = nγ (all of it) and how much of it is reached. */
  ode: { x: Float64Array; y: Float64Array };
  odeShown: number;
  /** The tracked trajectory's iterates so far (linear interpolation = Eq. 2.3). */
  tracked: { x: number[]; y: number[] };
  particleColor: string;
  title: string;
  subtitle: string;
}

/** Equal-aspect data box around x0, x* and the ODE path, fitted to the frame. */
export function planeFrame(surface: CanvasSurface, data: PlaneData, subtitle: string): Frame {
  const xs = [data.x0[0], data.xStar[0], ...data.ode.x].filter(Number.isFinite);
  const ys = [data.x0[1], data.xStar[1], ...data.ode.y].filter(Number.isFinite);
  let [xl, xh] = [Math.min(...xs), Math.max(...xs)];
  let [yl, yh] = [Math.min(...ys), Math.max(...ys)];
  const pad = 0.2 * Math.max(xh - xl, yh - yl, 1);
  [xl, xh, yl, yh] = [xl - pad, xh + pad, yl - pad, yh + pad];
  // The legend goes outside the plane (right or below): the cloud may fill any corner.
  // (The title too: the frame's heading, which drawAxes draws, is wrapped from these options.)
  const options = {
    title: data.title,
    subtitle,
    xLabel: 'x₁',
    yLabel: 'x₂',
    legend: planeLegend(data),
  };
  const probe = frameFor(surface, [xl, xh], [yl, yh], options);
  // Same data units per pixel on both axes: widen the tighter axis.
  const unit = Math.max((xh - xl) / probe.width, (yh - yl) / probe.height);
  const cx = (xl + xh) / 2;
  const cy = (yl + yh) / 2;
  const hw = (unit * probe.width) / 2;
  const hh = (unit * probe.height) / 2;
  return frameFor(surface, [cx - hw, cx + hw], [cy - hh, cy + hh], options);
}

/** Axes and level sets of F (redrawn on resize or new parameters only). */
export function drawBase(surface: CanvasSurface, frame: Frame, data: PlaneData): void {
  drawAxes(surface, frame, {
    title: data.title,
    subtitle: data.subtitle,
    xLabel: 'x₁',
    yLabel: 'x₂',
  });
  const xDomain = frame.x.domain;
  const yDomain = frame.y.domain;
  const low = data.value(data.xStar[0], data.xStar[1]);
  const high = Math.max(
    data.value(xDomain[0], yDomain[0]),
    data.value(xDomain[1], yDomain[1]),
    data.value(xDomain[0], yDomain[1]),
    data.value(xDomain[1], yDomain[0]),
  );
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  // F on the grid once for all 14 levels.
  const grid = gridValues(data.value, xDomain, yDomain);
  for (const level of contourLevels(low, high, 14)) {
    const segments = contourSegmentsOn(grid, xDomain, yDomain, level);
    for (let s = 0; s + 3 < segments.length; s += 4) {
      surface.polyline(
        [
          frame.x(segments[s] ?? 0),
          frame.y(segments[s + 1] ?? 0),
          frame.x(segments[s + 2] ?? 0),
          frame.y(segments[s + 3] ?? 0),
        ],
        { stroke: '#9aa5b1', lineWidth: 1 },
      );
    }
  }
  surface.unclip();
}

const ODE_COLOR = '#000000';
const TRACKED_COLOR = '#d55e00';

function path(frame: Frame, xs: ArrayLike<number>, ys: ArrayLike<number>, n: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? NaN;
    const y = ys[i] ?? NaN;
    if (Number.isFinite(x) && Number.isFinite(y)) points.push(frame.x(x), frame.y(y));
  }
  return points;
}

function dot(surface: CanvasSurface, px: number, py: number, color: string, size = 7): void {
  surface.rect(px - size / 2, py - size / 2, size, size, { fill: color, stroke: '#ffffff' });
}

/** Paths, markers and legend above the particles (redrawn every frame). */
export function drawOverlay(surface: CanvasSurface, frame: Frame, data: PlaneData): void {
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  const n = data.ode.x.length;
  surface.polyline(path(frame, data.ode.x, data.ode.y, n), {
    stroke: ODE_COLOR,
    lineWidth: 1,
    dash: [4, 4],
    opacity: 0.5,
  });
  const tracked = path(frame, data.tracked.x, data.tracked.y, data.tracked.x.length);
  surface.polyline(tracked, { stroke: TRACKED_COLOR, lineWidth: 1.5 });
  const reached = path(frame, data.ode.x, data.ode.y, Math.min(n, data.odeShown));
  surface.polyline(reached, { stroke: ODE_COLOR, lineWidth: 2.5 });
  dot(surface, frame.x(data.x0[0]), frame.y(data.x0[1]), '#59636e');
  dot(surface, frame.x(data.xStar[0]), frame.y(data.xStar[1]), '#009e73', 9);
  if (tracked.length >= 2) dot(surface, tracked.at(-2) ?? 0, tracked.at(-1) ?? 0, TRACKED_COLOR);
  if (reached.length >= 2) dot(surface, reached.at(-2) ?? 0, reached.at(-1) ?? 0, ODE_COLOR);
  surface.unclip();
  drawLegend(surface, frame, planeLegend(data));
}

/** The legend of the plane. */
export function planeLegend(data: Pick<PlaneData, 'particleColor'>): LegendEntry[] {
  return [
    { label: 'ADAM iterates (cloud)', kind: 'box', style: { fill: data.particleColor } },
    { label: 'ODE solution x(t)', kind: 'line', style: { stroke: ODE_COLOR, lineWidth: 2.5 } },
    {
      label: 'one trajectory, interpolated',
      kind: 'line',
      style: { stroke: TRACKED_COLOR, lineWidth: 1.5 },
    },
    { label: 'x0 · x* (optimum)', kind: 'box', style: { fill: '#009e73' } },
  ];
}
