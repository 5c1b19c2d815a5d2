/**
 * Weak-convergence page (Theorem 4.3): page chrome around the `weak-convergence` figure of
 * the package, mounted with the URL parameters (gamma, delta, n, T, seed, backend=cpu, embed);
 * the sliders set γ (log scale) and δ and recompute on input (measured γ are kept).
 */
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const progress = element<HTMLProgressElement>('progress');
  const { page } = await openFigurePage('weak-convergence', notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const gamma = element<HTMLInputElement>('gamma');
  const delta = element<HTMLInputElement>('delta');
  const show = () => {
    const values = pageParameters('weak-convergence');
    element('gamma-value').textContent = String(values.gamma);
    element('delta-value').textContent = String(values.delta);
    gamma.value = String(Math.log10(values.gamma));
    delta.value = String(values.delta);
  };
  show();
  // Back / Forward re-mount the figure from the URL: the controls follow.
  page.onParameters(show);
  const update = () => {
    const search = searchWith({
      gamma: String(Number((10 ** Number(gamma.value)).toPrecision(2))),
      delta: String(Number(Number(delta.value).toPrecision(2))),
    });
    void page.show(search).then(show);
  };
  gamma.addEventListener('input', update);
  delta.addEventListener('input', update);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
