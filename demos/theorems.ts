/**
 * Theorem lab page: page chrome around the `theorems` figure of the package (an experiment of
 * `EXPERIMENTS` at a small size: verdict, tables, SVG figures), mounted with the URL
 * parameters (experiment, trajectories, backend=cpu, embed).
 */
import { EXPERIMENTS } from 'adamscope';
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('theorems', notices);
  const select = element<HTMLSelectElement>('experiment');
  select.replaceChildren(...EXPERIMENTS.map((e) => new Option(`${e.name}: ${e.claim}`, e.name)));
  // The experiment the figure runs (the default in place of an unknown name).
  select.value = pageParameters('theorems').experiment;
  page.onParameters((values) => (select.value = String(values['experiment'])));
  element<HTMLFormElement>('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    void page.show(searchWith({ experiment: select.value }));
  });
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
