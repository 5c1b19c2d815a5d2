import type { Backend } from '../backend/index.ts';
import { drawHeatmap, SvgSurface, type DrawingSurface } from '../plot/index.ts';
import { seedKey } from '../random/distributions.ts';
import { FIGURE_WIDTH } from './figures.ts';
import {
  filterNormalizedDirection,
  landscapeGridCpu,
  landscapeGridGpu,
  projectOntoPlane,
  type LandscapeGrid,
} from './landscapeGrid.ts';
import { networkOdePath, networkProblemOf } from './networkCommon.ts';
import { linspace } from './odeCommon.ts';
import { markdownTable } from './report.ts';
import type { ExperimentContext, ExperimentOutcome } from './types.ts';
import type { LandscapeParams } from './landscapeExperiment.ts';
export type { LandscapeParams } from './landscapeExperiment.ts';

/** The grid file: a JSON header and the values (row-major, row = b, column = a). */
export function landscapeGridJson(grid: LandscapeGrid, header: Record<string, unknown>): string {
  return (
    JSON.stringify({
      ...header,
      columns: grid.columns,
      rows: grid.rows,
      aDomain: grid.aDomain,
      bDomain: grid.bDomain,
      layout:
        'row-major; row r is b = bDomain[0] + r (bDomain[1] - bDomain[0]) / (rows - 1), column c likewise a',
      values: Array.from(grid.values, (v) => Number(v.toPrecision(8))),
    }) + '\n'
  );
}

/** Everything the landscape shows: the grid, the ODE paths and their projections. */
export async function computeLandscape(
  p: LandscapeParams,
  backend: Backend,
  progress: (fraction: number, stage?: string) => void = () => undefined,
) {
  const problem = networkProblemOf(p);
  const key = seedKey(p.seed);
  const coefficients = {
    a: (1 - p.alpha) / p.gamma,
    b: (1 - p.beta) / p.gamma,
    epsilon: p.epsilon,
  };
  const times = linspace(0, p.T, 101);
  const paths = [];
  for (let k = 0; k < p.runs; k++) {
    progress((0.5 * k) / p.runs, 'ODE paths (float64)');
    paths.push(
      networkOdePath(problem, 'adam', coefficients, problem.initialWeights(key, k), times, p.dt),
    );
  }
  const centre = paths[0]?.x.at(-1) ?? problem.initialWeights(key, 0);
  const u = filterNormalizedDirection(problem, centre, key, 0);
  const v = filterNormalizedDirection(problem, centre, key, 1);
  const spec = { resolution: p.resolution, span: p.span };
  progress(0.5, 'landscape grid');
  const started = performance.now();
  const grid =
    backend.kind === 'webgpu'
      ? await landscapeGridGpu(backend, problem, centre, u, v, spec)
      : landscapeGridCpu(problem, centre, u, v, spec);
  const gridSeconds = (performance.now() - started) / 1000;
  const centreLoss = problem.value(centre);
  const middle = (p.resolution - 1) / 2;
  const centreCell = Number.isInteger(middle)
    ? (grid.values[middle * p.resolution + middle] ?? NaN)
    : NaN;
  const projected = paths.map((path) => projectOntoPlane(path.x, centre, u, v));
  let lo = Infinity;
  let hi = -Infinity;
  for (const value of grid.values) {
    lo = Math.min(lo, value);
    hi = Math.max(hi, value);
  }
  const runs = paths.map((path, k) => {
    const end = path.x.at(-1) ?? centre;
    return {
      run: k,
      initialLoss: path.F[0] ?? NaN,
      finalLoss: path.F.at(-1) ?? NaN,
      trainAccuracy: problem.accuracy(end, 'train'),
      testAccuracy: problem.accuracy(end, 'test'),
      startOffPlane: projected[k]?.offPlane[0] ?? NaN,
      maxOffPlane: Math.max(...(projected[k]?.offPlane ?? [NaN])),
    };
  });
  return { problem, grid, gridSeconds, centreLoss, centreCell, projected, lo, hi, runs, times };
}

/** The landscape heat map with the projected paths (SVG or canvas surface). */
export function drawLandscape(
  surface: DrawingSurface,
  p: LandscapeParams,
  r: Awaited<ReturnType<typeof computeLandscape>>,
): void {
  const architecture = r.problem.architecture.widths.join('-');
  drawHeatmap(surface, {
    title: `Loss landscape, ${p.dataset} ${architecture} (d = ${r.problem.dimension})`,
    subtitle: `F(c + a·u + b·v), filter-normalised directions, ${p.resolution}×${p.resolution} grid; ADAM-ODE paths (γ = ${p.gamma}, α = ${p.alpha}, β = ${p.beta}) projected`,
    xLabel: 'a',
    yLabel: 'b',
    grid: {
      values: r.grid.values,
      columns: r.grid.columns,
      rows: r.grid.rows,
      xDomain: r.grid.aDomain,
      yDomain: r.grid.bDomain,
    },
    paths: r.projected.map((q, k) => ({ x: q.a, y: q.b, label: `run ${k}` })),
  });
}

/** The landscape experiment's run (src/experiments/landscapeExperiment.ts loads it on use). */
export async function runLandscapeExperiment(
  p: LandscapeParams,
  context: ExperimentContext,
): Promise<ExperimentOutcome> {
  const r = await computeLandscape(p, context.backend, (f, stage) => context.progress(f, stage));
  const { problem, grid, gridSeconds, centreLoss, centreCell, projected, lo, hi, runs, times } = r;
  const relCentre = Math.abs(centreCell - centreLoss) / centreLoss;
  const architecture = problem.architecture.widths.join('-');
  const svg = new SvgSurface(FIGURE_WIDTH, FIGURE_WIDTH * 0.85);
  drawLandscape(svg, p, r);
  const header = {
    dataset: p.dataset,
    architecture,
    dimension: problem.dimension,
    trainSamples: problem.data.train.count,
    centreLoss,
    backend: context.backend.kind,
  };
  const verdict = Number.isFinite(relCentre)
    ? relCentre < 1e-4
      ? `agrees: the grid's centre cell equals F(c) of the float64 twin (relative difference ${relCentre.toExponential(2)})`
      : `DISAGREES: centre cell ${centreCell} vs F(c) = ${centreLoss} (relative ${relCentre.toExponential(2)})`
    : `grid of even resolution: no centre cell (F(c) = ${centreLoss.toPrecision(6)})`;
  return {
    results: {
      dimension: problem.dimension,
      architecture,
      trainSamples: problem.data.train.count,
      centreLoss,
      centreCell,
      centreRelativeDifference: relCentre,
      gridMin: lo,
      gridMax: hi,
      gridSeconds,
      gridBackend: context.backend.kind,
      runs,
      projections: projected.map((q) => ({ a: q.a, b: q.b, offPlane: q.offPlane })),
      times,
      grid: 'landscape-grid.json',
    },
    markdown: [
      markdownTable(
        ['quantity', 'value'],
        [
          [
            'network',
            `${architecture} (d = ${problem.dimension}), ${problem.data.train.count} train samples`,
          ],
          ['F(c), float64 twin', centreLoss],
          ['centre cell of the grid', centreCell],
          ['grid min / max', `${lo.toPrecision(4)} / ${hi.toPrecision(4)}`],
          [
            'grid',
            `${p.resolution}×${p.resolution} on ${context.backend.kind}, ${gridSeconds.toFixed(2)} s`,
          ],
        ],
      ),
      '',
      markdownTable(
        ['run', 'F(x0)', 'F(x(T))', 'train acc.', 'test acc.', 'off-plane at x0', 'max off-plane'],
        runs.map((r) => [
          r.run,
          r.initialLoss,
          r.finalLoss,
          r.trainAccuracy,
          r.testAccuracy,
          r.startOffPlane,
          r.maxOffPlane,
        ]),
      ),
    ].join('\n'),
    verdict,
    figures: [
      {
        name: 'landscape',
        caption: `Training loss on the plane through the end c of run 0 (log colour scale), with the ${p.runs} ADAM-ODE paths projected (least squares in the (u, v) basis; a dot marks each start). Off-plane distances are in the report.`,
        svg: svg.toString(),
      },
    ],
    files: [{ name: 'landscape-grid.json', data: landscapeGridJson(grid, header) }],
  };
}
