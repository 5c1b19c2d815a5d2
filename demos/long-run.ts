/**
 * Long-run page (the long-run theorem): page chrome around the `long-run` figure of the
 * package, mounted with the URL parameters (gammas, delta, sigma, n, T, seed, backend=cpu,
 * embed); checkboxes choose the steps γ (at least two), sliders set δ and σ.
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');
const STEPS = FIGURE_INFO['long-run'].parameters.gammas.names;

async function main(): Promise<void> {
  const progress = element<HTMLProgressElement>('progress');
  const { page } = await openFigurePage('long-run', notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const boxes = STEPS.map((step) => {
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = step;
    const label = document.createElement('label');
    label.append(input, ` ${step}`);
    element('gammas').append(label);
    return input;
  });
  const delta = element<HTMLInputElement>('delta');
  const sigma = element<HTMLInputElement>('sigma');
  const show = () => {
    const values = pageParameters('long-run');
    const chosen: readonly string[] = values.gammas;
    for (const box of boxes) box.checked = chosen.includes(box.value);
    // At least two steps: the last two checked boxes cannot be unchecked.
    const checked = boxes.filter((box) => box.checked);
    for (const box of boxes) box.disabled = box.checked && checked.length <= 2;
    element('delta-value').textContent = String(values.delta);
    element('sigma-value').textContent = String(values.sigma);
    delta.value = String(values.delta);
    sigma.value = String(values.sigma);
  };
  show();
  // Back / Forward re-mount the figure from the URL: the controls follow.
  page.onParameters(show);
  const update = () => {
    progress.value = 0;
    const search = searchWith({
      gammas: boxes
        .filter((box) => box.checked)
        .map((box) => box.value)
        .join(','),
      delta: String(Number(Number(delta.value).toPrecision(2))),
      sigma: String(Number(Number(sigma.value).toPrecision(2))),
    });
    void page.show(search).then(show);
  };
  for (const box of boxes) box.addEventListener('change', update);
  delta.addEventListener('input', update);
  sigma.addEventListener('input', update);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
