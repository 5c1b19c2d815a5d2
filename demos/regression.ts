/**
 * Regression page (talk Figs. 2 and 3): page chrome around the `regression` figure of the
 * package (src/browser/figures/regression.figure.ts), mounted with the URL parameters
 * (gamma, a, b, n, seed, T, p, sigma, x0, paused, backend=cpu, embed). Play / pause is the
 * figure's button (shared/figure.ts); the controls are live (every change re-mounts the
 * figure and is a history entry); restart re-mounts the figure.
 */
import { element, openFigurePage, pageParameters } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const SIZES = [256, 1024, 4096, 16384, 65536];
const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('regression', notices);
  const values = pageParameters('regression');
  const size = element<HTMLSelectElement>('n');
  const sizes = SIZES.includes(values.n) ? SIZES : [...SIZES, values.n].sort((x, y) => x - y);
  size.replaceChildren(...sizes.map((n) => new Option(n.toLocaleString('en'), String(n))));
  size.value = String(values.n);
  element<HTMLButtonElement>('reset').addEventListener(
    'click',
    () => void page.show(location.search, { history: 'none' }),
  );
  page.bindControls(element<HTMLFormElement>('controls'));
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
