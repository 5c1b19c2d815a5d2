/**
 * Reddi page: page chrome around the `reddi` figure of the package (ADAM with fixed β₂,
 * AMSGrad and ADAM in the paper's scaling on Reddi's problem); every control is a URL parameter
 * of the figure and recomputes on input (the running experiment is cancelled).
 */
import { bindControls } from './shared/controls.ts';
import { element, openFigurePage, pageParameters } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('reddi', notices);
  // aγ ≤ 1 and b ≤ min(4a, 1/γ): the sliders offer valid values only.
  const limit = () => {
    const { a, gamma } = pageParameters('reddi');
    element<HTMLInputElement>('a').max = String(Math.min(50, 1 / gamma));
    element<HTMLInputElement>('b').max = String(Math.min(10, 4 * a, 1 / gamma));
  };
  limit();
  bindControls('reddi', page, element<HTMLFormElement>('controls'));
  for (const id of ['a', 'gamma']) element(id).addEventListener('input', limit);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
