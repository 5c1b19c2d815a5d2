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
/** The controls shown, in order, with their labels and the mode they belong to. */
const CONTROLS: [
  name: keyof typeof FIGURE_INFO.landscape.parameters,
  label: string,
  mode: 'toy' | 'network' | 'both',
][] = [
  ['problem', 'landscape', 'toy'],
  ['left', 'left', 'toy'],
  ['right', 'right', 'toy'],
  ['n', 'particles', 'toy'],
  ['gamma', 'γ', 'both'],
  ['spread', 'cloud σ0', 'toy'],
  ['seed', 'seed', 'both'],
  ['dataset', 'network data', 'both'],
  ['hidden', 'hidden widths', 'network'],
  ['samples', 'samples', 'network'],
  ['T', 'horizon T', 'network'],
  ['runs', 'ODE paths', 'network'],
  ['training', 'training runs', 'network'],
  ['resolution', 'grid', 'network'],
];

const TOY_TITLE = document.querySelector('header h1')?.textContent ?? '';

/** Network mode (a data set chosen) shows its own intro and controls. */
function showMode(values: Record<string, unknown>): void {
  const network = values['dataset'] !== undefined && values['dataset'] !== 'none';
  document.body.dataset['landscapeMode'] = network ? 'network' : 'toy';
  element('intro-toy').hidden = network;
  element('intro-network').hidden = !network;
  for (const [name, , mode] of CONTROLS) {
    const wrap = document.getElementById(`control-${name}`)?.parentElement;
    // `display`, not `hidden`: the form's labels have a display of their own.
    if (wrap) wrap.style.display = mode === (network ? 'toy' : 'network') ? 'none' : '';
  }
  const title = document.querySelector('header h1');
  if (title) title.textContent = network ? 'Loss landscape of a network' : TOY_TITLE;
}
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
  showMode(values);
  // Back / Forward re-mount the figure from the URL: the controls follow.
  page.onParameters((shown) => {
    showMode(shown);
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
