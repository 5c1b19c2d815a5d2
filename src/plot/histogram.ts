import { drawAxes, themeOf, type AxesOptions, type Frame } from './axes.ts';
import { drawLegend, type Box, type LegendEntry } from './legend.ts';
import { chartFrame } from './lineChart.ts';
import { niceDomain } from './scale.ts';
import type { DrawingSurface } from './surface.ts';

/** Counts of values in equal-width bins over [min, max). */
export interface Histogram {
  /** Bin edges: bins + 1 increasing values. */
  edges: Float64Array;
  /** Number of values in each bin. */
  counts: Float64Array;
  /** counts / (total * binWidth): integrates to the fraction of values inside the range. */
  density: Float64Array;
  /** Number of values binned (inside and outside the range). */
  total: number;
  /** Number of values outside [min, max) (or not finite). */
  outside: number;
}

export interface HistogramOptions {
  /** Number of equal-width bins (default 50). */
  bins?: number;
  /** Binned range; default the range of the finite values. */
  range?: readonly [number, number];
}

function finiteRange(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? NaN;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 1];
}

/**
 * Bins `values` (any array of numbers: a Float32Array read back from the GPU, a plain array).
 *
 * @example
 * const h = histogram([0.1, 0.4, 0.45, 0.9], { bins: 2, range: [0, 1] });
 * // h.counts = [3, 1], h.density = [1.5, 0.5]
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const bins = Math.max(1, Math.floor(options.bins ?? 50));
  let [min, max] = options.range ?? finiteRange(values);
  if (!(max > min)) [min, max] = [min - 0.5, min + 0.5];
  const width = (max - min) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) => min + k * width);
  const counts = new Float64Array(bins);
  let outside = 0;
  const total = values.length;
  for (let i = 0; i < total; i++) {
    const v = values[i] ?? NaN;
    // The maximum of a data-derived range is included in the last bin.
    const k = v === max && options.range === undefined ? bins - 1 : Math.floor((v - min) / width);
    if (k >= 0 && k < bins) counts[k] = (counts[k] ?? 0) + 1;
    else outside++;
  }
  const density = counts.map((c) => (total > 0 ? c / (total * width) : 0));
  return { edges, counts, density, total, outside };
}

/** A histogram chart: bars of the empirical density and, optionally, a reference density. */
export interface HistogramChartOptions extends AxesOptions {
  /** Reference density (or probability mass spread over the bin, for discrete laws). */
  density?: (x: number) => number;
  /** Legend label of the reference curve (default "density"). */
  densityLabel?: string;
  /** Legend label of the bars (default "empirical"). */
  barsLabel?: string;
  barColor?: string;
  curveColor?: string;
}

/** Samples the reference density on 400 points across the x range. */
function densityCurve(density: (x: number) => number, from: number, to: number): number[] {
  const samples = 400;
  const points: number[] = [];
  for (let k = 0; k <= samples; k++) {
    const x = from + ((to - from) * k) / samples;
    points.push(x, density(x));
  }
  return points;
}

/**
 * Draws `hist` as bars with a reference density curve over them.
 *
 * @example
 * drawHistogram(surface, histogram(normals, { bins: 60, range: [-4, 4] }), {
 *   title: 'standard normal', density: (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI),
 * });
 */
export function drawHistogram(
  surface: DrawingSurface,
  hist: Histogram,
  options: HistogramChartOptions = {},
): void {
  const from = hist.edges[0] ?? 0;
  const to = hist.edges[hist.edges.length - 1] ?? 1;
  const curve = options.density ? densityCurve(options.density, from, to) : [];
  let top = 0;
  for (const d of hist.density) top = Math.max(top, d);
  for (let i = 1; i < curve.length; i += 2) top = Math.max(top, curve[i] ?? 0);
  const theme = themeOf(surface, options);
  const palette = theme.palette;
  const barColor = options.barColor ?? palette[0] ?? '#0072b2';
  const curveColor = options.curveColor ?? palette[1] ?? '#d55e00';
  const barStyle = { fill: barColor, opacity: 0.55 };
  const curveStyle = { stroke: curveColor, lineWidth: 2 };
  const legend: LegendEntry[] = [
    { label: options.barsLabel ?? 'empirical', kind: 'box', style: barStyle },
  ];
  if (curve.length > 0) {
    legend.push({ label: options.densityLabel ?? 'density', kind: 'line', style: curveStyle });
  }
  const bars = (frame: Frame): Box[] =>
    Array.from(hist.density, (d, k) => {
      const left = frame.x(hist.edges[k] ?? 0);
      const right = frame.x(hist.edges[k + 1] ?? 0);
      return {
        x: left,
        y: frame.y(d),
        width: Math.max(0.5, right - left - 0.5),
        height: frame.y(0) - frame.y(d),
      };
    });
  const curvePixels = (frame: Frame) =>
    curve.map((v, i) => (i % 2 === 0 ? frame.x(v) : frame.y(v)));
  const yDomain = niceDomain(0, top || 1);
  const frame = chartFrame(surface, [from, to], yDomain, { ...options, theme }, (probe) => ({
    legend,
    marks: {
      lines: curve.length > 0 ? [curvePixels(probe)] : [],
      polygons: [],
      boxes: bars(probe),
    },
  }));
  drawAxes(surface, frame, { yLabel: 'density', ...options });
  surface.clip(frame.left, frame.top, frame.width, frame.height);
  surface.group?.({ mark: 'bars', series: '0' });
  for (const bar of bars(frame)) {
    if (bar.height > 0) surface.rect(bar.x, bar.y, bar.width, bar.height, barStyle);
  }
  surface.endGroup?.();
  if (curve.length > 0) {
    surface.group?.({ mark: 'line', series: '1' });
    surface.polyline(curvePixels(frame), curveStyle);
    surface.endGroup?.();
  }
  surface.unclip();
  drawLegend(surface, frame, legend);
}
