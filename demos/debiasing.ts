/**
 * Debiasing page (talk: "with debiasing, F(x(t)) ≤ F(x0)"): page chrome around the
 * `debiasing` figure of the package, mounted with the URL parameters (gamma, ratio, a, n,
 * seed, T, backend=cpu, embed); the sliders set γ and b/a.
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, PageFigure, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const progress = element<HTMLProgressElement>('progress');
  const page = new PageFigure('debiasing', backend, notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const defaults = FIGURE_INFO.debiasing.parameters;
  const gamma = element<HTMLInputElement>('gamma');
  const ratio = element<HTMLInputElement>('ratio');
  const show = () => {
    const query = new URLSearchParams(location.search);
    const g = query.get('gamma') ?? defaults.gamma.default;
    const r = query.get('ratio') ?? defaults.ratio.default;
    element('gamma-value').textContent = g;
    element('ratio-value').textContent = r;
    gamma.value = String(Math.log10(Number(g)));
    ratio.value = String(Math.log10(Number(r)));
  };
  show();
  const update = () => {
    progress.value = 0;
    const search = searchWith({
      gamma: (10 ** Number(gamma.value)).toPrecision(2),
      ratio: (10 ** Number(ratio.value)).toPrecision(2),
    });
    void page.show(search).then(show);
  };
  gamma.addEventListener('change', update);
  ratio.addEventListener('change', update);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
