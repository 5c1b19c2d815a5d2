/**
 * Dimension-100 page (talk: "solutions of the autonomous / non-autonomous ADAM ODE for a
 * stochastic quadratic problem in dimension 100"): page chrome around the `dimension-100`
 * figure of the package, mounted with the URL parameters (ratio, a, gamma, n, seed, T,
 * backend=cpu, embed); the selector sets b/a.
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, PageFigure, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');
const RATIOS = ['0.01', '0.1', '0.25', '1', '4'];

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const progress = element<HTMLProgressElement>('progress');
  const page = new PageFigure('dimension-100', backend, notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const ratio =
    new URLSearchParams(location.search).get('ratio') ??
    FIGURE_INFO['dimension-100'].parameters.ratio.default;
  const ratios = RATIOS.includes(ratio)
    ? RATIOS
    : [...RATIOS, ratio].sort((x, y) => Number(x) - Number(y));
  const select = element<HTMLSelectElement>('ratio');
  select.replaceChildren(...ratios.map((r) => new Option(`b/a = ${r}`, r)));
  select.value = ratio;
  select.addEventListener('change', () => {
    progress.value = 0;
    void page.show(searchWith({ ratio: select.value }));
  });
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
