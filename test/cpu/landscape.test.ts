import { describe, expect, it } from 'vitest';
import { createProblem, PROBLEM_NAMES } from '../../src/problems/index.ts';
import { summarize } from '../../src/stats/summary.ts';
import { wilsonInterval } from '../../src/stats/wilson.ts';
import {
  FIGURE_INFO,
  LANDSCAPE_DEFAULTS,
  LANDSCAPE_OPTIMIZERS,
  LANDSCAPE_PROBLEM_NAMES,
  readFigureParameters,
} from '../../src/browser/figures/catalog.ts';
import { FrameBudget } from '../../src/browser/figures/frameBudget.ts';
import {
  cellCentre,
  heatGrid,
  heatLevels,
  logPosition,
} from '../../src/browser/figures/landscape/heatMap.ts';
import { LANDSCAPE_PROBLEMS } from '../../src/browser/figures/landscape/problems.ts';
import { panelStatistics } from '../../src/browser/figures/landscape/statistics.ts';
import { OPTIMIZER_NAMES } from '../../src/optimizers/index.ts';
import {
  optimizerSpecOf,
  panelConfig,
  type LandscapeParams,
} from '../../src/browser/figures/landscape/simulation.ts';
import { resolveEnsemble } from '../../src/ensemble/config.ts';

const valueOf = (name: string) => {
  const entry = LANDSCAPE_PROBLEMS.find((p) => p.name === name);
  if (!entry) throw new Error(name);
  const problem = createProblem(entry.spec(undefined));
  return (x: number, y: number) => problem.value(Float64Array.of(x, y));
};

describe('landscape: the problem table', () => {
  it('names the same problems as the catalog, with its defaults, all 2-D problems of the library', () => {
    expect(LANDSCAPE_PROBLEMS.map((p) => p.name)).toEqual(LANDSCAPE_PROBLEM_NAMES);
    for (const p of LANDSCAPE_PROBLEMS) {
      expect(PROBLEM_NAMES).toContain(p.spec(undefined).name);
      expect(createProblem(p.spec(undefined)).dimension).toBe(2);
      const defaults = LANDSCAPE_DEFAULTS[p.name as keyof typeof LANDSCAPE_DEFAULTS];
      expect({ gamma: p.gamma, T: p.T }).toEqual(defaults);
    }
    for (const o of LANDSCAPE_OPTIMIZERS) expect(OPTIMIZER_NAMES).toContain(o);
  });

  it('has its minima where ∇F = 0 and F is smallest on the grid', () => {
    for (const p of LANDSCAPE_PROBLEMS) {
      const problem = createProblem(p.spec(undefined));
      for (const m of p.minima) {
        const g = problem.meanGradient(Float64Array.of(...m.at));
        expect(Math.hypot(g[0] ?? NaN, g[1] ?? NaN)).toBeLessThan(1e-12);
        expect(problem.criticalDistanceSq(Float64Array.of(...m.at))).toBeLessThan(1e-24);
      }
      const grid = heatGrid(valueOf(p.name), p.xDomain, p.yDomain, 64, 48);
      const fMin = Math.min(...p.minima.map((m) => valueOf(p.name)(...m.at)));
      expect(grid.min).toBeGreaterThanOrEqual(fMin);
    }
  });
});

describe('landscape: heat map', () => {
  it('holds F at the cell centres, row 0 at the bottom (exactly: same float64 evaluation)', () => {
    const f = valueOf('rosenbrock');
    const grid = heatGrid(f, [-2, 2], [-1, 3], 7, 5);
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 7; i++)
        expect(grid.values[j * 7 + i]).toBe(f(cellCentre(-2, 2, i, 7), cellCentre(-1, 3, j, 5)));
    expect(grid.min).toBe(Math.min(...grid.values));
    expect(grid.max).toBe(Math.max(...grid.values));
    expect(cellCentre(-1, 3, 0, 5)).toBeCloseTo(-0.6, 14);
  });

  it('maps F monotonically to [0, 1] and puts the levels strictly inside the range', () => {
    const grid = heatGrid(valueOf('double-well'), [-2, 2], [-1.5, 1.5], 40, 30);
    expect(logPosition(grid, grid.min)).toBe(0);
    expect(logPosition(grid, grid.max)).toBeCloseTo(1, 12);
    const levels = heatLevels(grid, 10);
    expect(levels).toHaveLength(10);
    for (let k = 1; k < levels.length; k++) expect(levels[k]).toBeGreaterThan(levels[k - 1] ?? 0);
    expect(levels[0]).toBeGreaterThan(grid.min);
    expect(levels.at(-1)).toBeLessThan(grid.max);
  });
});

describe('landscape: statistics of a readback', () => {
  const minima = [
    { label: 'a', at: [-1, 0] as const },
    { label: 'b', at: [1, 0] as const },
  ];
  it('median F with the records’ rank, fractions near each minimum with Wilson intervals', () => {
    const f = valueOf('double-well');
    // 5 points near (−1, 0), 3 near (1, 0), 1 in between, 1 diverged; stride 3 (a padding lane).
    const pts = [
      [-1, 0],
      [-1.1, 0],
      [-0.9, 0.1],
      [-1, -0.1],
      [-1.05, 0.05],
      [1, 0],
      [0.95, 0],
      [1.1, 0.1],
      [0, 0.4],
      [NaN, 0],
    ];
    const flat = pts.flatMap(([x, y]) => [x ?? NaN, y ?? NaN, 0]);
    const s = panelStatistics(flat, 3, pts.length, f, minima, 0.3);
    expect(s.count).toBe(9);
    expect(s.diverged).toBe(1);
    const values = pts.slice(0, 9).map(([x, y]) => f(x ?? NaN, y ?? NaN));
    const reference = summarize(values, { quantiles: [0.25, 0.5, 0.75] });
    expect(s.q25).toBe(reference.quantiles[0]?.value);
    expect(s.median).toBe(reference.quantiles[1]?.value);
    expect(s.q75).toBe(reference.quantiles[2]?.value);
    expect(s.medianLow).toBeLessThanOrEqual(s.median);
    expect(s.medianHigh).toBeGreaterThanOrEqual(s.median);
    expect(s.near.map((m) => m.count)).toEqual([5, 3]);
    // Fractions of all particles (a diverged one counts as not near).
    expect(s.near[0]?.fraction).toBe(0.5);
    expect(s.near[0]?.low).toBe(wilsonInterval(5, 10).low);
    expect(s.near[1]?.high).toBe(wilsonInterval(3, 10).high);
  });

  it('covers the true median at about 95 % (order-statistic interval, 400 seeded samples)', () => {
    // Uniform F on [0, 1]: true median 0.5. 400 repetitions of n = 101: the miss count is
    // Binomial(400, ≤ 0.05): mean ≤ 20, sd ≈ 4.4; allow up to 20 + 4 sd = 38.
    let state = 12345;
    const uniform = () => (state = (1103515245 * state + 12345) % 2 ** 31) / 2 ** 31;
    let misses = 0;
    for (let rep = 0; rep < 400; rep++) {
      const flat = Array.from({ length: 101 }, () => [uniform(), 0]).flat();
      const s = panelStatistics(flat, 2, 101, (x) => x, [], 0.1);
      if (!(s.medianLow <= 0.5 && 0.5 <= s.medianHigh)) misses++;
    }
    expect(misses).toBeLessThanOrEqual(38);
  });
});

describe('landscape: configs and parameters', () => {
  const params: LandscapeParams = {
    problem: LANDSCAPE_PROBLEMS[0] ?? (undefined as never),
    optimizers: ['adam', 'sgd'],
    n: 64,
    gamma: 0.02,
    T: 1,
    a: 1,
    b: 2,
    momentum: 0.9,
    sigma: undefined,
    x0: [0, 0.5],
    spread: 0.5,
    seed: '1',
  };
  it('gives every optimizer a config the library accepts', () => {
    for (const name of LANDSCAPE_OPTIMIZERS) {
      const resolved = resolveEnsemble(panelConfig(name, params));
      expect(resolved.groups[0]?.name).toBe(name);
      expect(resolved.initialSpread).toBe(0.5);
    }
    expect(optimizerSpecOf('rmsprop', params)).toEqual({ name: 'rmsprop', gamma: 0.02, b: 2 });
  });

  it('reads its URL parameters under the schema (defaults of the problem, invalid values)', () => {
    const { values, problems } = readFigureParameters('landscape', {
      problem: 'rosenbrock',
      right: 'adagrad',
      a: '400',
    });
    expect(values.problem).toBe('rosenbrock');
    expect(values.gamma).toBeUndefined();
    expect(values.right).toBe('sgd');
    // a ≤ 1/γ with the problem's γ = 0.002 (1/γ = 500): 400 is allowed.
    expect(values.a).toBe(400);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('right');
    const tooLarge = readFigureParameters('landscape', { gamma: '0.1', a: '20' });
    expect(tooLarge.problems[0]).toContain('1/γ = 10');
    expect(Object.keys(FIGURE_INFO.landscape.parameters)).toContain('paused');
  });
});

describe('FrameBudget', () => {
  it('grows while frames are fast, shrinks when slow, within [min, max]', () => {
    const budget = new FrameBudget({ targetMs: 10, initial: 4, max: 64 });
    budget.measured(1);
    expect(budget.steps).toBe(8);
    for (let k = 0; k < 10; k++) budget.measured(1);
    expect(budget.steps).toBe(64);
    budget.measured(40);
    expect(budget.steps).toBe(32);
    for (let k = 0; k < 20; k++) budget.measured(1000);
    expect(budget.steps).toBe(1);
    budget.measured(Number.NaN);
    expect(budget.steps).toBe(1);
    // Converges near the budget for work linear in the steps (2 ms per step: 5 steps).
    for (let k = 0; k < 30; k++) budget.measured(2 * budget.steps);
    expect(budget.steps).toBeGreaterThanOrEqual(4);
    expect(budget.steps).toBeLessThanOrEqual(6);
  });
});

describe('landscape: the SVG export of a panel', () => {
  it('draws the heat map, the markers and readback points inside its window of the document', async () => {
    const { SvgSurface } = await import('../../src/plot/svgSurface.ts');
    const drawing = await import('../../src/browser/figures/landscape/drawing.ts');
    const problem = LANDSCAPE_PROBLEMS[0] ?? (undefined as never);
    const f = valueOf(problem.name);
    const surface = new SvgSurface(840, 315);
    const part = drawing.translated(surface, 420, 0, 420, 315);
    const text = { title: 'ADAM on Double well', subtitle: 'N = 4' };
    const frame = drawing.panelFrame(part, problem, text);
    const grid = heatGrid(f, problem.xDomain, problem.yDomain, 12, 9);
    drawing.drawPanelBase(part, frame, grid, f, text);
    drawing.drawMarkers(part, frame, problem, [0, 0.5]);
    const snapshot = {
      step: 3,
      values: Float64Array.of(-1, 0, 1, 0, NaN, 0, 0, 0.5),
      stride: 2,
      count: 4,
    };
    drawing.drawPoints(part, frame, snapshot, '#0072b2');
    const svg = surface.toString();
    expect(svg.startsWith('<svg')).toBe(true);
    // 12 × 9 cells, the background, 2 minima, 3 finite points (NaN skipped).
    expect((svg.match(/<rect /g) ?? []).length).toBeGreaterThanOrEqual(108 + 1 + 2 + 3);
    const xs = [...svg.matchAll(/<rect x="([-\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(420 - 1);
    expect(svg).toContain('ADAM on Double well');
  });
});
