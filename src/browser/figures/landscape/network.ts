/**
 * Network mode of the `landscape` figure (issue 11): the training loss of a small network on
 * the filter-normalised plane through the end of an ADAM-ODE path (Li et al. 2018), computed
 * by the `landscape` experiment's code (src/experiments/landscape.ts: grid on the GPU in one
 * dispatch, or the float64 twin on the cpu backend), drawn as a heat map with the projected
 * ODE paths. Publishes `data-centre-loss` (F at the centre, float64 twin: the number the CLI's
 * report.json calls centreLoss for the same configuration) and `data-centre-cell` (the grid).
 */
import { computeLandscape, drawLandscape } from '../../../experiments/landscape.ts';
import { landscapeParams } from '../../../experiments/landscapeExperiment.ts';
import { CanvasSurface, SvgSurface } from '../../../plot/index.ts';
import { lifetime, watchSize } from '../layout.ts';
import type { FigureContext, FigureHandle } from '../types.ts';

/** Grid points per axis when `resolution` is absent: hardware / software adapter or cpu. */
export const NETWORK_RESOLUTION = { hardware: 129, software: 17 } as const;

/** The figure's values that network mode reads (catalog.ts `landscape`). */
export interface NetworkModeValues {
  dataset: string;
  /** Width of the one hidden layer. */
  hidden: number;
  samples: number;
  resolution?: number | undefined;
  runs: number;
  gamma?: number | undefined;
  T?: number | undefined;
  seed: string;
}

export async function mountNetworkLandscape(
  host: HTMLElement,
  v: NetworkModeValues,
  context: FigureContext,
): Promise<FigureHandle> {
  const { backend } = context;
  const life = lifetime(context.signal);
  const software = backend.kind === 'cpu' || backend.adapter.isSoftware;
  const resolution =
    v.resolution ?? (software ? NETWORK_RESOLUTION.software : NETWORK_RESOLUTION.hardware);
  if (software && v.resolution === undefined)
    context.notice(
      `${backend.kind === 'cpu' ? 'cpu backend' : 'software adapter'}: a ${resolution}×${resolution} grid (resolution=… for more; slow here)`,
      'info',
    );
  const p = landscapeParams({
    dataset: v.dataset,
    samples: v.samples,
    hidden: [v.hidden],
    resolution,
    runs: v.runs,
    ...(v.gamma === undefined ? {} : { gamma: v.gamma }),
    ...(v.T === undefined ? {} : { T: v.T }),
    seed: /^\d+$/.test(v.seed) ? Number(v.seed) : v.seed,
  });
  const r = await computeLandscape(p, backend, (f, stage) =>
    context.report('progress', `${stage ?? ''} ${Math.round(100 * f)} %`),
  );
  const box = document.createElement('div');
  box.className = 'landscape-network';
  box.style.width = '100%';
  const canvas = document.createElement('canvas');
  canvas.className = 'landscape-network-canvas';
  canvas.setAttribute('role', 'img');
  box.append(canvas);
  host.replaceChildren(box);
  const draw = () => {
    const width = Math.max(240, Math.floor(box.clientWidth || host.clientWidth || 640));
    const height = Math.round(Math.min(width * 0.85, 640));
    drawLandscape(CanvasSurface.fit(canvas, width, height), p, r);
  };
  draw();
  watchSize(box, life.signal, draw);
  context.report('centreLoss', String(r.centreLoss));
  context.report('centreCell', String(r.centreCell));
  context.report('gridResolution', String(resolution));
  const summary = () =>
    `Training loss of a ${r.problem.architecture.widths.join('-')} network (d = ${r.problem.dimension}) on ${p.dataset} on a ${resolution}×${resolution} filter-normalised slice through the end of an ADAM-ODE path: F at the centre ${r.centreLoss.toPrecision(5)}, grid from ${r.lo.toPrecision(3)} to ${r.hi.toPrecision(3)}; ${r.runs.length} ODE paths projected (final losses ${r.runs.map((q) => q.finalLoss.toPrecision(3)).join(', ')}).`;
  canvas.setAttribute('aria-label', summary());
  return {
    pause: () => undefined,
    resume: () => undefined,
    playing: false,
    destroy: () => life.abort(),
    summary,
    svg: () => {
      const svg = new SvgSurface(720, 612);
      drawLandscape(svg, p, r);
      return svg.toString();
    },
    data: () => ({
      figure: 'landscape',
      params: {
        dataset: p.dataset,
        hidden: p.hidden.join(','),
        samples: String(p.samples),
        resolution: String(resolution),
        runs: String(p.runs),
        gamma: String(p.gamma),
        T: String(p.T),
        seed: String(p.seed),
        backend: backend.kind,
      },
      tables: {
        runs: {
          run: r.runs.map((q) => q.run),
          initialLoss: r.runs.map((q) => q.initialLoss),
          finalLoss: r.runs.map((q) => q.finalLoss),
          testAccuracy: r.runs.map((q) => q.testAccuracy),
          maxOffPlane: r.runs.map((q) => q.maxOffPlane),
        },
      },
    }),
  };
}
