import { describe, expect, it } from 'vitest';
import {
  SvgSurface,
  drawHistogram,
  drawLineChart,
  formatTick,
  histogram,
  linearScale,
  logScale,
  logTicks,
  niceDomain,
  ticks,
} from '../../src/plot/index.ts';

/** Checks that every element of an SVG string is closed in order (a minimal XML well-formedness check). */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
}

const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length ?? 0;

describe('scales and ticks', () => {
  it.each([
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-4, 4, 6, [-4, -3, -2, -1, 0, 1, 2, 3, 4]],
    [-4, 4, 4, [-4, -2, 0, 2, 4]],
    [0, 0.37, 4, [0, 0.1, 0.2, 0.3]],
    [1, 1000, 3, [500, 1000]],
  ])('ticks(%d, %d, %d)', (min, max, n, expected) => {
    expect(ticks(min, max, n)).toEqual(expected);
  });

  it('formats ticks without float noise', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(0)).toBe('0');
    expect(formatTick(2.5e-5)).toBe('2.5×10⁻⁵');
    expect(formatTick(1e6)).toBe('10⁶');
  });

  it('gives log axes 10^k ticks with superscript labels and unlabelled minor ticks', () => {
    const t = logTicks(1e-3, 10, 5);
    expect(t.filter((k) => k.label).map((k) => k.label)).toEqual([
      '10⁻³',
      '10⁻²',
      '10⁻¹',
      '10⁰',
      '10¹',
    ]);
    expect(
      t
        .filter((k) => !k.label)
        .map((k) => k.value)
        .slice(0, 3),
    ).toEqual([0.002, 0.003, 0.004]);
    // Many decades: every other power labelled, no minor ticks.
    const wide = logTicks(1e-12, 1, 5);
    expect(wide.filter((k) => k.label).map((k) => k.label)).toEqual([
      '10⁻¹²',
      '10⁻⁹',
      '10⁻⁶',
      '10⁻³',
      '10⁰',
    ]);
    const y = logScale([1e-2, 1], [100, 0]);
    expect(y(0.1)).toBeCloseTo(50, 12);
    expect(y(0)).toBeNaN();
  });

  it('maps domain onto range, y inverted', () => {
    const y = linearScale([0, 2], [100, 0]);
    expect(y(0)).toBe(100);
    expect(y(1)).toBe(50);
    expect(niceDomain(0.03, 0.97)).toEqual([0, 1]);
  });
});

describe('histogram', () => {
  it('counts values per bin and normalises the density', () => {
    const h = histogram([0.1, 0.4, 0.45, 0.9, 1.5], { bins: 2, range: [0, 1] });
    expect([...h.counts]).toEqual([3, 1]);
    expect([...h.density]).toEqual([3 / (5 * 0.5), 1 / (5 * 0.5)]);
    expect(h.outside).toBe(1);
  });

  it('puts the maximum of a data-derived range in the last bin', () => {
    const h = histogram(new Float32Array([0, 0.5, 1]), { bins: 4 });
    expect([...h.counts]).toEqual([1, 0, 1, 1]);
    expect(h.outside).toBe(0);
  });
});

describe('SVG output', () => {
  const values = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);

  it('draws a histogram with bars, a density curve, axes and labels', () => {
    const svg = new SvgSurface(640, 360);
    drawHistogram(svg, histogram(values, { bins: 20, range: [0, 1] }), {
      title: 'uniform <0, 1> & "friends"',
      subtitle: 'n = 1000',
      xLabel: 'x',
      density: () => 1,
      densityLabel: 'U(0, 1)',
    });
    const text = svg.toString();
    expectWellFormed(text);
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="640" height="360"/);
    // background + 20 bars + clip rectangle + legend background and swatch
    expect(count(text, /<rect /g)).toBe(1 + 20 + 1 + 1);
    expect(text).toContain('uniform &#60;0, 1&#62; &#38; &#34;friends&#34;');
    expect(text).toContain('>U(0, 1)</text>');
    expect(text).toContain('>n = 1000</text>');
    for (const tick of ['0', '0.2', '0.4', '0.6', '0.8', '1'])
      expect(text).toContain(`>${tick}</text>`);
    expect(text).toContain('transform="rotate(-90');
    expect(count(text, /<clipPath /g)).toBe(1);
  });

  it('puts every bar on its bin (pixel positions from the scales)', () => {
    const svg = new SvgSurface(400, 300);
    drawHistogram(svg, histogram([0.25, 0.75, 0.75], { bins: 2, range: [0, 1] }), {
      margins: { left: 50, right: 50, top: 20, bottom: 30 },
    });
    // the two bars (the legend swatch, drawn later, has the same fill)
    const bars = [
      ...svg
        .toString()
        .matchAll(
          /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#0072b2" opacity/g,
        ),
    ].slice(0, 2);
    expect(bars.map((b) => Number(b[1]))).toEqual([50, 200]);
    const heights = bars.map((b) => Number(b[4]));
    // coordinates are written to 1/100 px, so the ratio holds to about 1e-4
    expect((heights[1] ?? 0) / (heights[0] ?? 1)).toBeCloseTo(2, 3);
  });

  it('draws a line chart with a band and splits lines at non-finite values', () => {
    const t = [0, 1, 2, 3, 4];
    const svg = new SvgSurface(500, 300);
    drawLineChart(svg, {
      title: 'F(x(t))',
      xLabel: 't',
      bands: [{ x: t, lower: [0, 0, 0, 0, 0], upper: [4, 3, 2, 1, 0.5], label: '5–95 %' }],
      lines: [
        { x: t, y: [4, 2, NaN, 0.5, 0.25], label: 'median' },
        { x: t, y: [4, 2, 1, 0.5, 0.25], label: 'ODE', dash: [5, 3] },
      ],
    });
    const text = svg.toString();
    expectWellFormed(text);
    expect(count(text, /<polygon /g)).toBe(1);
    expect(text).toContain('stroke-dasharray="5 3"');
    for (const label of ['median', 'ODE', '5–95 %']) expect(text).toContain(`>${label}</text>`);
  });
});
