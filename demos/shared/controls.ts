/**
 * Binds a page's form controls to its figure's parameters: every control with a `name` is a URL
 * parameter of the figure (its schema in catalog.ts). The controls show the values the figure
 * uses (defaults in place of invalid ones); a change re-mounts the figure with the new value
 * (`page.show`, which cancels the work of the previous figure). Checkboxes sharing a name make a
 * comma list (a `list` parameter; at least one stays checked). `<output for="x">` shows x.
 * The controls follow the URL when it changes otherwise (Back / Forward).
 */
import { pageParameters, searchWith, type PageFigure } from './figure.ts';
import type { FigureName } from 'adamscope/browser';

type Control = HTMLInputElement | HTMLSelectElement;

export function bindControls(
  name: FigureName,
  page: PageFigure,
  form: HTMLFormElement,
  event: 'input' | 'change' = 'input',
): void {
  const controls = Array.from(form.querySelectorAll<Control>('input[name], select[name]'));
  const sync = () => {
    const values = pageParameters(name) as Record<string, unknown>;
    for (const control of controls) {
      const value = values[control.name];
      const text = Array.isArray(value) ? value.join(',') : String(value);
      if (control instanceof HTMLInputElement && control.type === 'checkbox') {
        control.checked = Array.isArray(value) ? value.includes(control.value) : value === true;
      } else {
        // A value from the URL that the menu does not list (n=32) gets its own entry.
        if (
          control instanceof HTMLSelectElement &&
          ![...control.options].some((o) => o.value === text)
        )
          control.add(new Option(text, text));
        control.value = text;
      }
      const output = form.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
      if (output) output.value = text;
    }
  };
  sync();
  // Back / Forward (and the figure's own changes) re-read the URL: the controls follow.
  page.onParameters(sync);
  for (const control of controls) {
    control.addEventListener(event, () => {
      let value = control.value;
      if (control instanceof HTMLInputElement && control.type === 'checkbox') {
        const group = controls.filter((c) => c.name === control.name) as HTMLInputElement[];
        const checked = group.filter((c) => c.checked).map((c) => c.value);
        if (checked.length === 0) {
          control.checked = true;
          return;
        }
        value = checked.join(',');
      }
      const output = form.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
      if (output) output.value = value;
      void page.show(searchWith({ [control.name]: value })).then(sync);
    });
  }
}
