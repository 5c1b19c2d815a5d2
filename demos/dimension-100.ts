/**
 * Dimension-100 page (talk: "solutions of the autonomous / non-autonomous ADAM ODE for a
 * stochastic quadratic problem in dimension 100"): page chrome around the `dimension-100`
 * figure of the package, mounted with the URL parameters (gamma, a, ratio, n, seed, T,
 * backend=cpu, embed); the selector sets b/a.
 */
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');
const RATIOS = [0.01, 0.1, 0.25, 1, 4];

async function main(): Promise<void> {
  const progress = element<HTMLProgressElement>('progress');
  const { page } = await openFigurePage('dimension-100', notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const select = element<HTMLSelectElement>('ratio');
  // The ratio the figure uses (the default in place of an invalid one); Back / Forward too.
  const show = (values: Readonly<Record<string, unknown>> = pageParameters('dimension-100')) => {
    const ratio = Number(values['ratio']);
    const ratios = RATIOS.includes(ratio) ? RATIOS : [...RATIOS, ratio].sort((x, y) => x - y);
    if (select.options.length !== ratios.length)
      select.replaceChildren(...ratios.map((r) => new Option(`b/a = ${r}`, String(r))));
    select.value = String(ratio);
  };
  show();
  page.onParameters(show);
  select.addEventListener('change', () => {
    progress.value = 0;
    void page.show(searchWith({ ratio: select.value }));
  });
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
