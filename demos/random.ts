/**
 * Random streams page: page chrome around the `random` figure of the package (histograms of
 * GPU draws against their laws), mounted with the URL parameters (n, seed, p, dist,
 * backend=cpu, embed).
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, PageFigure, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { backend } = await openFigurePage(notices);
  const page = new PageFigure('random', backend, notices);
  const query = new URLSearchParams(location.search);
  const parameters = FIGURE_INFO.random.parameters;
  const size = element<HTMLSelectElement>('n');
  size.replaceChildren(
    ...parameters.n.choices.map(
      (n) => new Option(`2^${Math.log2(Number(n))} = ${Number(n).toLocaleString('en')}`, n),
    ),
  );
  size.value = query.get('n') ?? parameters.n.default;
  element<HTMLInputElement>('seed').value = query.get('seed') ?? parameters.seed.default;
  element<HTMLInputElement>('p').value = query.get('p') ?? parameters.p.default;
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
