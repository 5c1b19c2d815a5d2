/**
 * Debiasing page (talk: "with debiasing, F(x(t)) ≤ F(x0)"): page chrome around the
 * `debiasing` figure of the package, mounted with the URL parameters (gamma, a, ratio, n,
 * seed, T, backend=cpu, embed); the sliders set γ and b/a.
 */
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const progress = element<HTMLProgressElement>('progress');
  const { page } = await openFigurePage('debiasing', notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const gamma = element<HTMLInputElement>('gamma');
  const ratio = element<HTMLInputElement>('ratio');
  // The sliders show the values the figure uses (the defaults in place of invalid ones).
  const show = () => {
    const values = pageParameters('debiasing');
    element('gamma-value').textContent = String(values.gamma);
    element('ratio-value').textContent = String(values.ratio);
    gamma.value = String(Math.log10(values.gamma));
    ratio.value = String(Math.log10(values.ratio));
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
