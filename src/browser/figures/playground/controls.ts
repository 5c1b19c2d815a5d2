/**
 * The playground's controls, built from the library's own lists (PROBLEM_NAMES,
 * OPTIMIZER_NAMES, ODE_KINDS) and the figure's parameter schema (ranges, defaults, what each
 * sets); a field shows only when it applies to the chosen problem and optimizer
 * (PROBLEM_FIELD_USERS, OPTIMIZER_FIELDS). A change does not recompute here: it is sent as a
 * bubbling `adamscope-params` event whose detail is the new parameters (absent = default);
 * the gallery page puts them in the URL and re-mounts the figure (`page.show`).
 */
import { ODE_KINDS } from '../../../ode/systems.ts';
import { OPTIMIZER_NAMES } from '../../../optimizers/index.ts';
import type { OptimizerName } from '../../../optimizers/types.ts';
import { PROBLEM_NAMES } from '../../../problems/index.ts';
import { FIGURE_INFO } from '../catalog.ts';
import { el } from '../layout.ts';
import { applies } from './config.ts';

/** The event a control change dispatches: `detail` maps parameter names to values ('' = absent). */
export const PARAMS_EVENT = 'adamscope-params';

const LISTS: Record<string, readonly string[]> = {
  problem: PROBLEM_NAMES,
  optimizer: OPTIMIZER_NAMES,
  ode: ODE_KINDS,
};

/** The form of controls for the current parameters `raw` (as in the URL). */
export function playgroundControls(
  near: HTMLElement,
  raw: Readonly<Record<string, string>>,
): HTMLFormElement {
  const form = el(near, 'form', { className: 'af-controls', id: 'playground-controls' });
  // Inline layout (the figure's stylesheet is shared by every figure): wrapping labelled fields.
  form.style.cssText = 'display:flex;flex-wrap:wrap;gap:8px 14px;margin:0 0 12px;font-size:13px';
  const schema = FIGURE_INFO.playground.parameters;
  const problem = raw['problem'] ?? schema.problem.default;
  const optimizer = (raw['optimizer'] ?? schema.optimizer.default) as OptimizerName;
  for (const [name, rule] of Object.entries(schema)) {
    if (!applies(name, problem, optimizer)) continue;
    let input: HTMLInputElement | HTMLSelectElement;
    const list = LISTS[name];
    if (list) {
      const select = el(near, 'select');
      const doc = near.ownerDocument;
      select.replaceChildren(
        ...list.map((value) => {
          const option = doc.createElement('option');
          option.value = value;
          option.textContent = value;
          return option;
        }),
      );
      select.value = raw[name] ?? rule.default;
      input = select;
    } else {
      const field = el(near, 'input');
      field.type = rule.kind === 'text' ? 'text' : 'number';
      if (rule.kind === 'number') {
        field.step = 'any';
        if (typeof rule.min === 'number') field.min = String(rule.min);
        if (typeof rule.max === 'number') field.max = String(rule.max);
      }
      field.placeholder =
        rule.default !== '' ? rule.default : 'absent' in rule ? rule.absent : 'default';
      field.value = raw[name] ?? '';
      field.size = 7;
      input = field;
    }
    input.name = name;
    input.id = `playground-${name}`;
    input.title = `${rule.description}: ${rule.allowed}`;
    input.addEventListener('change', () => {
      const detail: Record<string, string> = { [name]: input.value };
      // A new problem or optimizer: clear the fields that no longer apply.
      if (name === 'problem' || name === 'optimizer') {
        const p = name === 'problem' ? input.value : problem;
        const o = (name === 'optimizer' ? input.value : optimizer) as OptimizerName;
        for (const other of Object.keys(schema)) if (!applies(other, p, o)) detail[other] = '';
      }
      form.dispatchEvent(new CustomEvent(PARAMS_EVENT, { detail, bubbles: true, composed: true }));
    });
    input.style.cssText = 'display:block;width:9.5em;max-width:100%;margin-top:2px;font:inherit';
    const label = el(near, 'label', {}, [name, input]);
    label.style.cssText = 'display:block;color:#59636e';
    form.append(label);
  }
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}
