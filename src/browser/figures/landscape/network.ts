/**
 * Network mode of the `landscape` figure (issue 11): the training loss of a small network on
 * the filter-normalised plane through the end of an ADAM-ODE path (Li et al. 2018), computed
 * by the `landscape` experiment's code (src/experiments/landscape.ts: grid on the GPU in one
 * dispatch, or the float64 twin on the cpu backend), drawn as a heat map with the projected
 * ADAM training runs (thin) and ODE paths (thick). Publishes `data-centre-loss` (F at the centre, float64 twin: the number the CLI's
 * report.json calls centreLoss for the same configuration) and `data-centre-cell` (the grid).
 */
import { ParameterError } from '../../../errors.ts';
import { computeLandscape, drawLandscape } from '../../../experiments/landscape.ts';
import { landscapeParams } from '../../../experiments/landscapeExperiment.ts';
import { preloadDigits } from '../../../problems/network/dataset.ts';
import { CanvasSurface, SvgSurface } from '../../../plot/index.ts';
import { lifetime, watchSize } from '../layout.ts';
import type { FigureContext, FigureHandle } from '../types.ts';

/** Grid points per axis when `resolution` is absent: hardware / software adapter or cpu. */
export const NETWORK_RESOLUTION = { hardware: 129, software: 17 } as const;

/** ADAM training runs drawn when `training` is absent: hardware / software adapter or cpu. */
export const NETWORK_TRAINING_RUNS = { hardware: 16, software: 8 } as const;

/** The gallery's limits on the hidden layers (the library allows more; docs/network.md). */
export const GALLERY_HIDDEN = { layers: 4, width: 256 } as const;

/**
 * The hidden widths of `hidden=16` or `hidden=32,16` (tanh layers, input to output): 1 to
 * GALLERY_HIDDEN.layers comma-separated integers in 1..GALLERY_HIDDEN.width; anything else is
 * refused with a ParameterError naming `hidden`.
 */
export function parseHiddenWidths(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const widths = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  const ok =
    parts.length >= 1 &&
    parts.length <= GALLERY_HIDDEN.layers &&
    widths.every((w) => Number.isInteger(w) && w >= 1 && w <= GALLERY_HIDDEN.width);
  if (!ok)
    throw new ParameterError(
      'hidden',
      text,
      `1 to ${GALLERY_HIDDEN.layers} comma-separated widths in 1..${GALLERY_HIDDEN.width} (e.g. 16 or 32,16)`,
    );
  return widths;
}

/** The figure's values that network mode reads (catalog.ts `landscape`). */
export interface NetworkModeValues {
  dataset: string;
  /** Hidden widths, comma-separated (`16`, `32,16`). */
  hidden: string;
  samples: number;
  resolution?: number | undefined;
  runs: number;
  /** ADAM training runs drawn (undefined: NETWORK_TRAINING_RUNS). */
  training?: number | undefined;
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
  const hidden = parseHiddenWidths(v.hidden);
  const trainingRuns =
    v.training ?? (software ? NETWORK_TRAINING_RUNS.software : NETWORK_TRAINING_RUNS.hardware);
  if (v.dataset === 'digits') {
    await preloadDigits();
    if (software)
      context.notice(
        'digits (d in the thousands, 1,438 train samples) is slow on a software adapter or the cpu backend: try resolution=5&T=0.5',
        'warning',
      );
  }
  const p = landscapeParams({
    dataset: v.dataset,
    samples: v.samples,
    hidden,
    resolution,
    runs: v.runs,
    trainingRuns,
    ...(v.gamma === undefined ? {} : { gamma: v.gamma }),
    ...(v.T === undefined ? {} : { T: v.T }),
    seed: /^\d+$/.test(v.seed) ? Number(v.seed) : v.seed,
  });
  const r = await computeLandscape(p, backend, (f, stage) =>
    context.report('progress', `${stage ?? ''} ${Math.round(100 * f)} %`),
  );
  if (r.training?.fallback !== undefined) context.notice(r.training.fallback, 'info');
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
    // Narrow screens: taller, so that the map stays near square under the heading and legend.
    const height = Math.round(Math.min(width < 560 ? width * 1.25 : width * 0.85, 640));
    drawLandscape(CanvasSurface.fit(canvas, width, height), p, r);
  };
  draw();
  watchSize(box, life.signal, draw);
  context.report('centreLoss', String(r.centreLoss));
  context.report('centreCell', String(r.centreCell));
  context.report('gridResolution', String(resolution));
  context.report('trainingRuns', String(r.training?.runs.length ?? 0));
  context.report('trainingBackend', r.training?.backend ?? 'none');
  const summary = () =>
    `Training loss of a ${r.problem.architecture.widths.join('-')} network (d = ${r.problem.dimension}) on ${p.dataset} on a ${resolution}×${resolution} filter-normalised slice through the end of an ADAM-ODE path: F at the centre ${r.centreLoss.toPrecision(5)}, grid from ${r.lo.toPrecision(3)} to ${r.hi.toPrecision(3)}; ${r.training ? `${r.training.runs.length} ADAM training runs (thin lines, ${r.training.steps} steps of mini-batch ${p.batch} on ${r.training.backend}, median final loss ${median(r.training.runs.map((q) => q.finalLoss)).toPrecision(3)}) and ` : ''}${r.runs.length} ADAM-ODE paths (thick lines) from the same initialisations projected (ODE final losses ${r.runs.map((q) => q.finalLoss.toPrecision(3)).join(', ')}).`;
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
        training: String(p.trainingRuns),
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
        trainingRuns: {
          run: (r.training?.runs ?? []).map((q) => q.run),
          initialLoss: (r.training?.runs ?? []).map((q) => q.initialLoss),
          finalLoss: (r.training?.runs ?? []).map((q) => q.finalLoss),
          testAccuracy: (r.training?.runs ?? []).map((q) => q.testAccuracy),
          maxOffPlane: (r.training?.runs ?? []).map((q) => q.maxOffPlane),
        },
      },
    }),
  };
}

/** The median of finite values (NaN if none). */
function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = (sorted.length - 1) / 2;
  return ((sorted[Math.floor(mid)] ?? NaN) + (sorted[Math.ceil(mid)] ?? NaN)) / 2;
}
