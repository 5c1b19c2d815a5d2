/**
 * Random streams page: page chrome around the `random` figure of the package (histograms of
 * GPU draws against their laws), mounted with the URL parameters (dist, n, seed, p,
 * backend=cpu, embed).
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, pageParameters, showOnSubmit } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('random', notices);
  const values = pageParameters('random');
  const size = element<HTMLSelectElement>('n');
  size.replaceChildren(
    ...FIGURE_INFO.random.parameters.n.choices.map(
      (n) => new Option(`2^${Math.log2(Number(n))} = ${Number(n).toLocaleString('en')}`, n),
    ),
  );
  size.value = values.n;
  element<HTMLInputElement>('seed').value = values.seed;
  element<HTMLInputElement>('p').value = String(values.p);
  showOnSubmit(element<HTMLFormElement>('controls'), page);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
