/**
 * Saddle page: page chrome around the `saddle` figure of the package (escape-time distributions
 * of SGD, the heavy ball, ADAM and RMSProp from the saddle of the double well); every control is
 * a URL parameter of the figure and recomputes on input (the running experiment is cancelled).
 */
import { bindControls } from './shared/controls.ts';
import { element, openFigurePage } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('saddle', notices);
  bindControls('saddle', page, element<HTMLFormElement>('controls'));
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
