/**
 * Legends never cover data (issue 9): every SVG figure of every theorem-lab experiment, run at
 * the lab's small size on the cpu backend, and synthetic charts at wide and narrow sizes, are
 * checked by test/legendGeometry.ts (legend boxes against every sampled pixel of every mark).
 */
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { smallParams } from '../../src/browser/figures/theorems/sizes.ts';
import { EXPERIMENTS } from '../../src/experiments/index.ts';
import { drawHistogram, drawLineChart, histogram, SvgSurface } from '../../src/plot/index.ts';
import { checkLegends } from '../legendGeometry.ts';

const decreasing = Array.from({ length: 200 }, (_, i) => i / 10);

describe('legends of synthetic charts', () => {
  it.each([
    [720, 420],
    [320, 320],
  ])('a full-width curve and a band at %d x %d: legend outside or in an empty corner', (w, h) => {
    const surface = new SvgSurface(w, h);
    drawLineChart(surface, {
      title: 'crowded',
      xLabel: 't',
      bands: [
        {
          x: decreasing,
          lower: decreasing.map((t) => Math.sin(t) - 0.5),
          upper: decreasing.map((t) => Math.sin(t) + 0.5),
          label: '5–95 %',
        },
      ],
      lines: [
        { x: decreasing, y: decreasing.map(Math.sin), label: 'median' },
        { x: decreasing, y: decreasing.map((t) => Math.cos(t)), label: 'ODE', dash: [5, 3] },
      ],
    });
    const check = checkLegends(surface.toString());
    expect(check.legends).toBe(1);
    expect(check.marks).toBeGreaterThan(0);
    expect(check.overlaps).toEqual([]);
  });

  it('puts a legend in an empty corner when one fits (decaying curve: top right is empty)', () => {
    const surface = new SvgSurface(720, 420);
    drawLineChart(surface, {
      lines: [{ x: decreasing, y: decreasing.map((t) => Math.exp(-t)), label: 'e^{-t}' }],
    });
    const text = surface.toString();
    expect(text).toContain('data-legend="top-right"');
    expect(checkLegends(text).overlaps).toEqual([]);
  });

  it('histograms at 640 and 300 px', () => {
    const values = Array.from({ length: 2000 }, (_, i) => Math.sin(i * 12.9898) * 2);
    for (const width of [640, 300]) {
      const surface = new SvgSurface(width, 360);
      drawHistogram(surface, histogram(values, { bins: 30 }), {
        title: 'h',
        density: () => 0.25,
        densityLabel: 'U(-2, 2)',
      });
      const check = checkLegends(surface.toString());
      expect(check.legends).toBe(1);
      expect(check.overlaps).toEqual([]);
    }
  });

  it('the checker sees a legend drawn over data', () => {
    const surface = new SvgSurface(400, 300);
    drawLineChart(surface, {
      legendPosition: 'inside',
      lines: [
        { x: [0, 1], y: [0, 1], label: 'diagonal' },
        { x: [0, 1], y: [0.98, 0.98], label: 'flat' },
      ],
    });
    // `inside` keeps the legend in the top-right corner, where both lines pass.
    const check = checkLegends(surface.toString());
    expect(check.legends).toBe(1);
    expect(check.overlaps.length).toBeGreaterThan(0);
  });
});

describe('legends of the theorem-lab reports (small size, cpu backend)', () => {
  const backend = new CpuBackend();
  it.each(EXPERIMENTS.map((e) => [e.name, e] as const))(
    '%s: no legend box meets a plotted mark',
    async (_name, experiment) => {
      const { params } = smallParams(experiment);
      const outcome = await experiment.run(params, {
        backend,
        progress() {},
        warn() {},
      });
      expect(outcome.figures.length).toBeGreaterThan(0);
      for (const figure of outcome.figures) {
        const check = checkLegends(figure.svg);
        expect(check.marks, figure.name).toBeGreaterThan(0);
        expect(check.overlaps, figure.name).toEqual([]);
      }
    },
    120_000,
  );
});
