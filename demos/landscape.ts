/**
 * Landscape page (talk Fig. 1 in 2-D): page chrome around the `landscape` figure of the
 * package, mounted with the URL parameters. The controls are built from the figure's
 * parameter schema (FIGURE_INFO.landscape): a choice is a menu of its allowed values, a
 * number an input; every change goes through the URL (`page.show`).
 */
import { FIGURE_INFO } from 'adamscope/browser';
import { element, openFigurePage, pageParameters } from './shared/figure.ts';
import { showPageError } from './shared/page.ts';

const notices = element('notices');
const SIZES = ['256', '1024', '4096', '16384', '65536', '100000'];
/** The controls shown, in order, with their labels. */
const CONTROLS: [name: keyof typeof FIGURE_INFO.landscape.parameters, label: string][] = [
  ['problem', 'landscape'],
  ['left', 'left'],
  ['right', 'right'],
  ['n', 'particles'],
  ['gamma', 'γ'],
  ['spread', 'cloud σ0'],
  ['seed', 'seed'],
  ['dataset', 'network data'],
  ['hidden', 'hidden'],
];
const CLEARED_WITH_PROBLEM = ['gamma', 'T'];

async function main(): Promise<void> {
  const { page } = await openFigurePage('landscape', notices);
  const form = element<HTMLFormElement>('controls');
  const schema = FIGURE_INFO.landscape.parameters;
  const values = pageParameters('landscape') as Record<string, unknown>;
  const query = new URLSearchParams(location.search);
  for (const [name, label] of CONTROLS) {
    const rule = schema[name];
    let input: HTMLInputElement | HTMLSelectElement;
    if ('choices' in rule || name === 'n') {
      const select = document.createElement('select');
      const choices: readonly string[] =
        'choices' in rule ? rule.choices : ['', ...SIZES, ...(values.n ? [String(values.n)] : [])];
      select.replaceChildren(
        ...[...new Set(choices)].map((c) => new Option(c === '' ? 'auto' : c, c)),
      );
      select.value = values[name] === undefined ? '' : String(values[name]);
      input = select;
    } else {
      const field = document.createElement('input');
      field.size = 8;
      field.placeholder = rule.default === '' ? 'auto' : rule.default;
      field.value = query.get(name) ?? '';
      input = field;
    }
    input.name = name;
    input.id = `control-${name}`;
    input.title = `${rule.description} (${rule.allowed})`;
    input.addEventListener('change', () => {
      const next = new URLSearchParams(location.search);
      if (input.value === '') next.delete(name);
      else next.set(name, input.value);
      if (name === 'problem') for (const cleared of CLEARED_WITH_PROBLEM) next.delete(cleared);
      void page.show(`?${next.toString()}`);
    });
    const wrap = document.createElement('label');
    wrap.append(`${label} `, input);
    form.append(wrap);
  }
  // Back / Forward re-mount the figure from the URL: the controls follow.
  page.onParameters((shown) => {
    const now = new URLSearchParams(location.search);
    for (const [name] of CONTROLS) {
      const input = form.elements.namedItem(name);
      if (input instanceof HTMLSelectElement) {
        const text = shown[name] === undefined ? '' : String(shown[name]);
        if (![...input.options].some((o) => o.value === text)) input.add(new Option(text, text));
        input.value = text;
      } else if (input instanceof HTMLInputElement) input.value = now.get(name) ?? '';
    }
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  await page.show();
}

main().catch((error: unknown) => showPageError(notices, error));
