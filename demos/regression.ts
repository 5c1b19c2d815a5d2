/**
 * Regression page (talk Figs. 2 and 3): page chrome around the `regression` figure of the
 * package (src/browser/figures/regression.figure.ts), mounted with the URL parameters
 * (gamma, a, b, n, seed, T, p, sigma, x0, paused, backend=cpu, embed). Play / pause is the
 * figure's button (shared/figure.ts); reset re-mounts the figure.
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, PageFigure, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const SIZES = [256, 1024, 4096, 16384, 65536];
const notices = element('notices');

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const page = new PageFigure('regression', backend, notices);
  const query = new URLSearchParams(location.search);
  const defaults = FIGURE_INFO.regression.parameters;
  const value = (name: keyof typeof defaults) => query.get(name) ?? defaults[name].default;

  const size = element<HTMLSelectElement>('n');
  size.replaceChildren(...SIZES.map((n) => new Option(n.toLocaleString('en'), String(n))));
  if (!SIZES.map(String).includes(value('n'))) size.append(new Option(value('n'), value('n')));
  size.value = value('n');
  for (const name of ['gamma', 'a', 'b', 'seed'] as const)
    element<HTMLInputElement>(name).value = value(name);

  element<HTMLButtonElement>('reset').addEventListener('click', () => void page.show());
  const form = element<HTMLFormElement>('controls');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      Array.from(new FormData(form), ([name, v]) => [name, String(v)]),
    );
    void page.show(searchWith(changes));
  });
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
