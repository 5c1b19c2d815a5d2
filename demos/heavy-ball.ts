/**
 * Heavy-ball page: page chrome around the `heavy-ball` figure of the package (ADAM's ODE as a
 * ball with time-dependent mass and friction, beside the heavy ball and gradient flow); every
 * control is a URL parameter of the figure and recomputes on input.
 */
import { bindControls } from './shared/controls.ts';
import { element, openFigurePage, pageParameters } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('heavy-ball', notices);
  const b = element<HTMLInputElement>('b');
  // b ≤ 4a: the slider offers valid values only.
  const limit = () => (b.max = String(4 * pageParameters('heavy-ball').a));
  limit();
  bindControls('heavy-ball', page, element<HTMLFormElement>('controls'));
  element('a').addEventListener('input', limit);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
