/**
 * Lyapunov page (Lemma 7.5): page chrome around the `lyapunov` figure of the package, mounted
 * with the URL parameters (problem, ratio, a, epsilon, trajectories, T, seed, backend=cpu,
 * embed); the controls set b/a (log2 slider across 4), the problem and ε, and recompute on input.
 */
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');

async function main(): Promise<void> {
  const { page } = await openFigurePage('lyapunov', notices);
  const ratio = element<HTMLInputElement>('ratio');
  const epsilon = element<HTMLInputElement>('epsilon');
  const problem = element<HTMLSelectElement>('problem');
  // The controls show the values the figure uses (the defaults in place of invalid ones).
  const show = () => {
    const values = pageParameters('lyapunov');
    element('ratio-value').textContent = String(values.ratio);
    element('epsilon-value').textContent = String(values.epsilon);
    ratio.value = String(Math.log2(values.ratio));
    epsilon.value = String(Math.log10(values.epsilon));
    problem.value = values.problem;
  };
  show();
  // Back / Forward re-mount the figure from the URL: the controls follow.
  page.onParameters(show);
  const update = () => {
    const search = searchWith({
      ratio: String(Number((2 ** Number(ratio.value)).toPrecision(3))),
      epsilon: String(Number((10 ** Number(epsilon.value)).toPrecision(2))),
      problem: problem.value,
    });
    void page.show(search).then(show);
  };
  ratio.addEventListener('input', update);
  epsilon.addEventListener('input', update);
  problem.addEventListener('change', update);
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
