import type { Backend } from '../backend/index.ts';
import { drawHeatmap, SvgSurface, type DrawingSurface, type LegendEntry } from '../plot/index.ts';
import { seedKey } from '../random/distributions.ts';
import { FIGURE_WIDTH } from './figures.ts';
import {
  filterNormalizedDirection,
  landscapeGridCpu,
  landscapeGridGpu,
  projectOntoPlane,
  type LandscapeGrid,
} from './landscapeGrid.ts';
import { landscapeTrainingRuns } from './landscapeRuns.ts';
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

/** Projected paths rounded for the files: { a, b, offPlane } per path. */
export function roundedPaths(
  paths: readonly { a: number[]; b: number[]; offPlane: number[] }[],
): { a: number[]; b: number[]; offPlane: number[] }[] {
  const round = (values: number[]) => values.map((v) => Number(v.toPrecision(7)));
  return paths.map((q) => ({ a: round(q.a), b: round(q.b), offPlane: round(q.offPlane) }));
}

/** Everything the landscape shows: the grid, the ODE paths, the training runs and their projections. */
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
    progress((0.4 * k) / p.runs, 'ODE paths (float64)');
    paths.push(
      networkOdePath(problem, 'adam', coefficients, problem.initialWeights(key, k), times, p.dt),
    );
  }
  const centre = paths[0]?.x.at(-1) ?? problem.initialWeights(key, 0);
  const u = filterNormalizedDirection(problem, centre, key, 0);
  const v = filterNormalizedDirection(problem, centre, key, 1);
  const spec = { resolution: p.resolution, span: p.span };
  progress(0.4, `training runs (${backend.kind})`);
  const training = await landscapeTrainingRuns(p, problem, backend, { centre, u, v });
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
  return {
    problem,
    grid,
    gridSeconds,
    centreLoss,
    centreCell,
    projected,
    lo,
    hi,
    runs,
    times,
    training,
  };
}

/** The legend of the landscape: which lines are training runs and which are ODE paths. */
export const LANDSCAPE_RUN_COLOR = '#35c9f5';
export const LANDSCAPE_ODE_COLOR = '#e4572e';

/** The landscape heat map with the projected training runs (thin) and ODE paths (thick). */
export function drawLandscape(
  surface: DrawingSurface,
  p: LandscapeParams,
  r: Awaited<ReturnType<typeof computeLandscape>>,
): void {
  const architecture = r.problem.architecture.widths.join('-');
  const training = r.training;
  const runs = training?.projected ?? [];
  const legend: LegendEntry[] = [];
  if (training)
    legend.push({
      label: `${runs.length} ADAM training runs (B = ${p.batch}, ${training.steps} steps)`,
      kind: 'line',
      // Thicker than the runs themselves: a 1 px light-blue swatch is faint on the legend's
      // white ground, while on the map the runs are many and overlap.
      style: { stroke: LANDSCAPE_RUN_COLOR, lineWidth: 2.5 },
    });
  legend.push({
    label: `${r.projected.length} ADAM-ODE path${r.projected.length === 1 ? '' : 's'} (same starts)`,
    kind: 'line',
    style: { stroke: LANDSCAPE_ODE_COLOR, lineWidth: 3 },
  });
  legend.push({
    label: 'start',
    kind: 'box',
    style: { fill: LANDSCAPE_ODE_COLOR, stroke: '#ffffff' },
  });
  drawHeatmap(surface, {
    title: `Loss landscape, ${p.dataset} ${architecture} (d = ${r.problem.dimension})`,
    subtitle: `F(c + a·u + b·v), filter-normalised directions, ${p.resolution}×${p.resolution} grid; ADAM runs and ODE paths (γ = ${p.gamma}, α = ${p.alpha}, β = ${p.beta}) projected`,
    xLabel: 'a',
    yLabel: 'b',
    grid: {
      values: r.grid.values,
      columns: r.grid.columns,
      rows: r.grid.rows,
      xDomain: r.grid.aDomain,
      yDomain: r.grid.bDomain,
    },
    legend,
    paths: [
      ...runs.map((q, k) => ({
        x: q.a,
        y: q.b,
        label: `training run ${k}`,
        color: LANDSCAPE_RUN_COLOR,
        lineWidth: 1,
        halo: false,
        startDot: false,
        opacity: 0.75,
      })),
      ...r.projected.map((q, k) => ({
        x: q.a,
        y: q.b,
        label: `ODE path ${k}`,
        color: LANDSCAPE_ODE_COLOR,
        lineWidth: 3,
      })),
    ],
  });
}

/** The landscape experiment's run (src/experiments/landscapeExperiment.ts loads it on use). */
export async function runLandscapeExperiment(
  p: LandscapeParams,
  context: ExperimentContext,
): Promise<ExperimentOutcome> {
  const r = await computeLandscape(p, context.backend, (f, stage) => context.progress(f, stage));
  const { problem, grid, gridSeconds, centreLoss, centreCell, projected, lo, hi, runs, times } = r;
  const { training } = r;
  if (training?.fallback !== undefined) context.warn(training.fallback);
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
    odePaths: roundedPaths(projected),
    trainingRuns: training ? roundedPaths(training.projected) : [],
    trainingSnapshotSteps: training?.snapshotSteps ?? [],
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
      training: training
        ? {
            backend: training.backend,
            runs: training.runs,
            steps: training.steps,
            snapshotEvery: training.every,
            snapshotSteps: training.snapshotSteps,
            batch: p.batch,
            seconds: training.seconds,
            projections: training.projected,
          }
        : null,
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
      ...(training
        ? [
            '',
            `ADAM training runs on ${training.backend} (B = ${p.batch}, ${training.steps} steps, weights kept every ${training.every} steps; ${training.seconds.toFixed(2)} s):`,
            '',
            markdownTable(
              ['training run', 'F(x0)', 'F(x_n)', 'test acc.', 'off-plane at x0', 'max off-plane'],
              training.runs.map((q) => [
                q.run,
                q.initialLoss,
                q.finalLoss,
                q.testAccuracy,
                q.startOffPlane,
                q.maxOffPlane,
              ]),
            ),
          ]
        : []),
    ].join('\n'),
    verdict,
    figures: [
      {
        name: 'landscape',
        caption: `Training loss on the plane through the end c of ODE path 0 (log colour scale), with ${training ? `${training.runs.length} ADAM training runs (thin white) and ` : ''}the ${p.runs} ADAM-ODE paths (thick) from the same seeded initialisations projected (least squares in the (u, v) basis; a square marks each ODE start). Off-plane distances are in the report.`,
        svg: svg.toString(),
      },
    ],
    files: [{ name: 'landscape-grid.json', data: landscapeGridJson(grid, header) }],
  };
}
