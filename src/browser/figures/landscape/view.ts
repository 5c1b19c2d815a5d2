/**
 * The DOM of the landscape figure: one panel per optimizer (three stacked canvases: axes and
 * heat map, the particle layer, the markers), and a statistics panel (the median-F chart and
 * a table of median F and the fraction near each minimum, with 95 % confidence intervals).
 * `show` lays out and draws everything at the boxes' size; `frame` redraws what moves. x0 can
 * be dragged on a panel (landscape/interact.ts: `panelBoxes`, `pixelOf`, `dataAt`, `markers`).
 */
import type { Frame } from '../../../plot/axes.ts';
import { CanvasSurface } from '../../../plot/canvasSurface.ts';
import { SvgSurface } from '../../../plot/svgSurface.ts';
import { pixelToData } from '../interaction.ts';
import { box, el, sizeOf } from '../layout.ts';
import type { PositionSnapshot } from './readback.ts';
import {
  drawMarkers,
  drawPanelBase,
  drawPoints,
  drawStatsChart,
  PANEL_COLORS,
  PANEL_RGBA,
  panelFrame,
  panelText,
  translated,
} from './drawing.ts';
import { heatGrid, type HeatGrid } from './heatMap.ts';
import { canvasParticles, gpuParticles, type LandscapeParticles } from './particles.ts';
import { OPTIMIZER_TITLES, type LandscapeRun } from './simulation.ts';

const ASPECT = 4 / 3;
const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');

interface PanelDom {
  box: HTMLElement;
  layer: HTMLCanvasElement;
  base: HTMLCanvasElement;
  overlay: HTMLCanvasElement;
  caption: HTMLElement;
  particles: LandscapeParticles;
  frame: Frame | undefined;
  size: { width: number; height: number };
}

export class LandscapeView {
  readonly root: HTMLElement;
  private readonly panels: PanelDom[];
  private readonly chartBox: HTMLElement;
  private readonly chart: HTMLCanvasElement;
  private readonly table: HTMLTableElement;
  private readonly grid: HeatGrid;
  private readonly value: (x: number, y: number) => number;

  constructor(
    host: HTMLElement,
    private run: LandscapeRun,
    device: GPUDevice | undefined,
  ) {
    const { problem } = run.params;
    const descriptor = run.panels[0]?.ensemble.resolved.problem;
    const point = new Float64Array(2);
    this.value = (x, y) => {
      point[0] = x;
      point[1] = y;
      return descriptor ? descriptor.value(point) : NaN;
    };
    // F on a 96 × 72 grid of the view box: computed once per run (a few ms, float64, CPU).
    this.grid = heatGrid(this.value, problem.xDomain, problem.yDomain, 96, 72);
    const figures: HTMLElement[] = [];
    this.panels = run.panels.map((_panel, i) => {
      const base = el(host, 'canvas', { className: 'landscape-base' });
      const layer = el(host, 'canvas', { className: 'landscape-particles' });
      const overlay = el(host, 'canvas', { className: 'landscape-overlay' });
      const stack = box(host, ASPECT, { id: `landscape-panel-${i}` });
      stack.append(base, layer, overlay);
      const caption = el(host, 'figcaption', { id: `landscape-caption-${i}` });
      figures.push(el(host, 'figure', { className: 'af-panel' }, [stack, caption]));
      const particles = device
        ? gpuParticles(layer, device, PANEL_RGBA[i] ?? [0, 0, 0, 0.5])
        : canvasParticles(layer, PANEL_COLORS[i] ?? '#000');
      layer.dataset['renderer'] = particles.kind;
      return {
        box: stack,
        layer,
        base,
        overlay,
        caption,
        particles,
        frame: undefined,
        size: { width: 0, height: 0 },
      };
    });
    this.chart = el(host, 'canvas', { id: 'landscape-chart' });
    this.chartBox = box(host, ASPECT);
    this.chartBox.append(this.chart);
    this.table = el(host, 'table', { className: 'report', id: 'landscape-stats' });
    // The table spans the grid's width (a row of its own): in one column it scrolled sideways.
    figures.push(
      el(host, 'figure', { className: 'af-panel', id: 'landscape-statistics' }, [this.chartBox]),
      el(host, 'figure', { className: 'af-panel af-wide', id: 'landscape-table' }, [
        el(host, 'div', { className: 'af-scroll' }, [this.table]),
        el(host, 'figcaption', {
          text: `Live statistics, read back from the GPU asynchronously (one readback in flight). Near: within ${problem.radius} of a minimum (dashed circles); brackets: 95 % confidence intervals (order statistics for the median, Wilson for fractions).`,
        }),
      ]),
    );
    this.root = el(host, 'div', { className: 'af-grid' }, figures);
    host.append(this.root);
  }

  /** x0 being dragged (its cross drawn at once, before its run starts). */
  draggedX0: [number, number] | undefined;

  /** Shows `run` (the same problem and optimizers, a new x0) from now on. */
  setRun(run: LandscapeRun): void {
    this.run = run;
    const dragged = this.draggedX0;
    if (dragged && dragged[0] === run.params.x0[0] && dragged[1] === run.params.x0[1])
      this.draggedX0 = undefined;
  }

  /** The centre of the cloud shown (dragged or the run's). */
  private get x0(): readonly [number, number] {
    return this.draggedX0 ?? this.run.params.x0;
  }

  /** The boxes of the particle panels (x0 is dragged on them). */
  get panelBoxes(): HTMLElement[] {
    return this.panels.map((p) => p.box);
  }

  /** `x0` in CSS pixels of panel `index`, once laid out. */
  pixelOf(index: number, x0: readonly [number, number]): [number, number] | undefined {
    const frame = this.panels[index]?.frame;
    return frame ? [frame.x(x0[0]), frame.y(x0[1])] : undefined;
  }

  /** The point of panel `index` under (px, py), clamped to its plot frame. */
  dataAt(index: number, px: number, py: number): [number, number] | undefined {
    const frame = this.panels[index]?.frame;
    if (!frame) return undefined;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    return pixelToData(
      frame,
      clamp(px, frame.left, frame.left + frame.width),
      clamp(py, frame.top, frame.top + frame.height),
    );
  }

  /** The clouds the time scrubber shows, one per panel (undefined: the live GPU cloud). */
  private replayed: readonly (PositionSnapshot | undefined)[] | undefined;

  /**
   * Shows each panel's cloud from a stored readback (the time scrubber replays a settled run),
   * or the live cloud again (`undefined`).
   */
  replay(snapshots: readonly (PositionSnapshot | undefined)[] | undefined): void {
    this.replayed = snapshots;
    for (const dom of this.panels) dom.layer.style.visibility = snapshots ? 'hidden' : '';
    this.markers();
    this.panels.forEach((dom, i) => {
      const snapshot = snapshots?.[i];
      const panel = this.run.panels[i];
      if (!snapshot || !panel) return;
      const t = snapshot.step * this.run.params.gamma;
      dom.caption.textContent =
        `${OPTIMIZER_TITLES[panel.optimizer]}: replay at t = nγ = ${t.toFixed(2)} (n = ${snapshot.step} of ${this.run.totalSteps})` +
        ` · the cloud of a readback of the GPU state (at most 2,000 points drawn). Cross: x0; green squares: the minima.`;
    });
  }

  /** Redraws the markers (x0 moved) and publishes x0's pixel (`data-x0-pixel`) per panel. */
  markers(): void {
    const { problem } = this.run.params;
    for (const [i, dom] of this.panels.entries()) {
      const { width, height } = dom.size;
      if (!dom.frame || width < 10 || height < 10) continue;
      const surface = CanvasSurface.fit(dom.overlay, width, height);
      const snapshot = this.replayed?.[i];
      if (snapshot) drawPoints(surface, dom.frame, snapshot, PANEL_COLORS[i] ?? '#000');
      drawMarkers(surface, dom.frame, problem, this.x0);
      dom.box.dataset['x0Pixel'] =
        `${dom.frame.x(this.x0[0]).toFixed(1)},${dom.frame.y(this.x0[1]).toFixed(1)}`;
    }
  }

  get boxes(): HTMLElement[] {
    return [...this.panels.map((p) => p.box), this.chartBox];
  }

  /** Lays out every canvas at its box's size and draws everything. */
  show(): void {
    const { params } = this.run;
    this.panels.forEach((dom, i) => {
      dom.size = sizeOf(dom.box);
      const { width, height } = dom.size;
      if (width < 10 || height < 10) return;
      const surface = CanvasSurface.fit(dom.base, width, height);
      const text = panelText(params, i, width);
      dom.frame = panelFrame(surface, params.problem, text);
      drawPanelBase(surface, dom.frame, this.grid, this.value, text);
      dom.particles.resize(width, height);
    });
    this.markers();
    this.frame();
  }

  /** Redraws the particles (every frame). */
  frame(): void {
    this.run.panels.forEach((panel, i) => {
      const dom = this.panels[i];
      if (dom?.frame) dom.particles.draw(panel, dom.frame);
    });
  }

  /** Redraws the statistics (after a readback). */
  statistics(): void {
    const { params, totalSteps } = this.run;
    const size = sizeOf(this.chartBox);
    if (size.width >= 10 && size.height >= 10)
      drawStatsChart(
        CanvasSurface.fit(this.chart, size.width, size.height),
        this.run.panels,
        params,
        totalSteps,
      );
    const minima = params.problem.minima;
    const head = [
      'optimizer',
      't',
      'median F, 95 % CI',
      ...minima.map((m) => `near ${m.label}`),
      'diverged',
    ];
    // A cell is a value, or a value with its interval (drawn under it, so that the table fits
    // a column of the grid at 1280 px instead of scrolling sideways).
    type Cell = string | [value: string, interval: string];
    const rows = this.run.panels.map((panel): Cell[] => {
      const s = panel.stats;
      if (!s) return [OPTIMIZER_TITLES[panel.optimizer], '–', '–', ...minima.map(() => '–'), '–'];
      return [
        OPTIMIZER_TITLES[panel.optimizer],
        s.t.toFixed(2),
        [fmt(s.median), `[${fmt(s.medianLow)}, ${fmt(s.medianHigh)}]`],
        ...s.near.map((m): Cell => [pct(m.fraction), `[${pct(m.low)}, ${pct(m.high)}]`]),
        String(s.diverged),
      ];
    });
    const doc = this.table.ownerDocument;
    const tr = (cells: readonly Cell[], tag: 'th' | 'td') => {
      const row = doc.createElement('tr');
      for (const c of cells) {
        const cell = doc.createElement(tag);
        if (typeof c === 'string') cell.textContent = c;
        else {
          const interval = doc.createElement('span');
          interval.className = 'af-interval';
          interval.textContent = c[1];
          cell.append(c[0], interval);
        }
        row.append(cell);
      }
      return row;
    };
    this.table.replaceChildren(tr(head, 'th'), ...rows.map((r) => tr(r, 'td')));
    this.run.panels.forEach((panel, i) => {
      const dom = this.panels[i];
      const s = panel.stats;
      if (!dom) return;
      const where =
        dom.particles.kind === 'webgpu'
          ? 'drawn by a WebGPU render pipeline from the GPU state buffer, no readback'
          : `drawn on a Canvas 2D from the ${panel.ensemble.backend} backend`;
      dom.caption.textContent =
        `${OPTIMIZER_TITLES[panel.optimizer]}: t = nγ = ${(this.run.step * params.gamma).toFixed(2)} (n = ${this.run.step} of ${totalSteps})` +
        (s ? ` · median F = ${fmt(s.median)}` : '') +
        ` · particles ${where}. Cross: x0; green squares: the minima.`;
    });
  }

  /** One SVG document: every panel (points of the latest readback) and the chart. */
  svg(): string {
    const w = 420;
    const h = w / ASPECT;
    const { params, totalSteps } = this.run;
    const count = this.run.panels.length + 1;
    const surface = new SvgSurface(w * count, h);
    this.run.panels.forEach((panel, i) => {
      const part = translated(surface, i * w, 0, w, h);
      const text = panelText(params, i, w);
      const frame = panelFrame(part, params.problem, text);
      drawPanelBase(part, frame, this.grid, this.value, text);
      if (panel.latest) drawPoints(part, frame, panel.latest, PANEL_COLORS[i] ?? '#000');
      drawMarkers(part, frame, params.problem, params.x0);
    });
    drawStatsChart(
      translated(surface, (count - 1) * w, 0, w, h),
      this.run.panels,
      params,
      totalSteps,
    );
    return surface.toString();
  }

  destroy(): void {
    for (const dom of this.panels) dom.particles.destroy();
  }
}
