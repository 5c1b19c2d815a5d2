/**
 * Debiasing page (talk: "with debiasing, F(x(t)) ≤ F(x0)"): page chrome around the
 * `debiasing` figure of the package, mounted with the URL parameters (gamma, a, ratio, n,
 * seed, T, backend=cpu, embed); the sliders set γ and b/a (log scale). The sliders only offer
 * values the figure's schema allows: their ranges come from FIGURE_INFO, and the range of b/a
 * follows γ (b/a ≤ min(16, 1/(aγ))); a value is rounded down to two digits, never above its
 * bound, so that no invalid state reaches the URL.
 */
import { FIGURE_INFO, readFigureParameters } from 'adamscope/browser';
import { element, openFigurePage, pageParameters, searchWith } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');
const RULES = FIGURE_INFO.debiasing.parameters;

type Bound = number | { of: (values: Readonly<Record<string, unknown>>) => number };
const bound = (b: Bound, values: Readonly<Record<string, unknown>>) =>
  typeof b === 'number' ? b : b.of(values);

/** `x` with two significant digits, rounded towards `lo`..`hi` so that it stays inside. */
function twoDigits(x: number, lo: number, hi: number): number {
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  let rounded = Number((Math.round(x / unit) * unit).toPrecision(2));
  if (rounded > hi) rounded = Number((Math.floor(hi / unit) * unit).toPrecision(2));
  if (rounded < lo) rounded = Number((Math.ceil(lo / unit) * unit).toPrecision(2));
  return Math.min(hi, Math.max(lo, rounded));
}

async function main(): Promise<void> {
  const progress = element<HTMLProgressElement>('progress');
  const { page } = await openFigurePage('debiasing', notices, (key, value) => {
    if (key === 'progress') progress.value = Number(value);
  });
  const gamma = element<HTMLInputElement>('gamma');
  const ratio = element<HTMLInputElement>('ratio');
  const a = () => pageParameters('debiasing').a;
  /** The allowed ranges of γ and of b/a at `g` (the schema's bounds). */
  const ranges = (g: number) => {
    const values = { a: a(), gamma: g };
    return {
      gamma: [bound(RULES.gamma.min, values), Math.min(bound(RULES.gamma.max, values), 1 / a())],
      ratio: [bound(RULES.ratio.min, values), bound(RULES.ratio.max, values)],
    } as const;
  };
  // The sliders show the values the figure uses (the defaults in place of invalid ones).
  const show = () => {
    const values = pageParameters('debiasing');
    const range = ranges(values.gamma);
    gamma.min = String(Math.log10(range.gamma[0]));
    gamma.max = String(Math.log10(range.gamma[1]));
    ratio.min = String(Math.log10(range.ratio[0]));
    ratio.max = String(Math.log10(range.ratio[1]));
    element('gamma-value').textContent = String(values.gamma);
    element('ratio-value').textContent = String(values.ratio);
    gamma.value = String(Math.log10(values.gamma));
    ratio.value = String(Math.log10(values.ratio));
  };
  show();
  // Back / Forward re-mount the figure from the URL: the sliders follow.
  page.onParameters(show);
  const update = (event: Event) => {
    const gammaRange = ranges(1).gamma;
    const g = twoDigits(10 ** Number(gamma.value), gammaRange[0], gammaRange[1]);
    // b/a follows γ: its upper bound 1/(aγ) moves with the γ slider.
    const ratioRange = ranges(g).ratio;
    ratio.max = String(Math.log10(ratioRange[1]));
    const r = twoDigits(10 ** Number(ratio.value), ratioRange[0], ratioRange[1]);
    const search = searchWith({ gamma: String(g), ratio: String(r) });
    // The `change` closing a drag: the figure already runs with these values.
    const same =
      new URLSearchParams(search).toString() === new URLSearchParams(location.search).toString();
    if (event.type === 'change' && same) return;
    // Never an invalid state in the URL (cannot happen with the ranges above; a guard).
    const read = readFigureParameters('debiasing', Object.fromEntries(new URLSearchParams(search)));
    if (read.problems.length > 0) {
      showPageError(notices, new Error(read.problems.join('\n')));
      return;
    }
    progress.value = 0;
    element('gamma-value').textContent = String(g);
    element('ratio-value').textContent = String(r);
    void page.show(search).then(show);
  };
  // Live: a slider recomputes on `input` (the running experiment is cancelled), one history
  // entry per gesture (PageFigure); a `change` alone (keyboard, scripts) too.
  for (const slider of [gamma, ratio]) {
    slider.addEventListener('input', update);
    slider.addEventListener('change', update);
  }
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
