/**
 * `adamscope/browser`: WebGPU from `navigator.gpu` (or the cpu backend with a visible notice),
 * canvases, the particle renderer and the random-draw helpers of the pages, the figures of the
 * gallery (`mountFigure`) and the `<adamscope-figure>` element (`defineFigureElements`). The
 * engines come from `adamscope`.
 *
 * @example
 * import { runEnsemble } from 'adamscope';
 * import { openBrowserBackend, showNotice } from 'adamscope/browser';
 * const backend = await openBrowserBackend();
 * for (const line of backend.notices) showNotice(document.body, line);
 */
export { openBrowserBackend, type BrowserBackendOptions } from './backend.ts';
export { showNotice } from './notice.ts';
export { cpuRandomFill, drawRandomValues, type RandomValues } from '../kernels/randomDraws.ts';
export { ksDistance, ksCriticalValue, normalPdf, uniformCdf } from '../stats/goodnessOfFit.ts';
export { ParticleRenderer, type ParticleView } from './particleRenderer.ts';
export { CanvasSurface } from '../plot/canvasSurface.ts';

// Figures of the gallery, and the <adamscope-figure> element (the embed script defines it).
export { AdamscopeFigureElement, defineFigureElements, FIGURE_TAG } from './figureElement.ts';
export {
  mountFigure,
  prefersReducedMotion,
  type MountedFigure,
  type MountFigureOptions,
} from './figures/mount.ts';
export { loadFigure } from './figures/registry.ts';
export {
  FIGURE_INFO,
  FIGURE_NAMES,
  readFigureParameters,
  type FigureName,
  type FigureParameters,
} from './figures/catalog.ts';
export type {
  FigureContext,
  FigureData,
  FigureDefinition,
  FigureHandle,
  FigureInfo,
  ParameterInfo,
} from './figures/types.ts';
