/**
 * `adamscope/browser`: WebGPU from `navigator.gpu` (or the cpu backend with a visible notice),
 * canvases, the particle renderer and the random-draw helpers of the pages. The engines come
 * from `adamscope`.
 *
 * @example
 * import { runEnsemble } from 'adamscope';
 * import { openBrowserBackend, showNotice } from 'adamscope/browser';
 * const backend = await openBrowserBackend();
 * for (const line of backend.notices) showNotice(document.body, line);
 */
export { openBrowserBackend, type BrowserBackendOptions } from './backend.ts';
export { showNotice } from './notice.ts';
export { cpuRandomFill, drawRandomValues, type RandomValues } from './randomDraws.ts';
export { ksDistance, ksCriticalValue, normalPdf, uniformCdf } from './goodnessOfFit.ts';
export { ParticleRenderer, type ParticleView } from './particleRenderer.ts';
export { CanvasSurface } from '../plot/canvasSurface.ts';
