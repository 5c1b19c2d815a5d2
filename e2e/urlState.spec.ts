import { expect, test, type Locator, type Page } from '@playwright/test';
import { FIGURE_INFO, FIGURE_NAMES } from '../src/browser/figures/catalog.ts';
import type { ParameterRule } from '../src/browser/figures/schema.ts';
import { ready, watchErrors } from './harness/checks.ts';

/**
 * State in the URL, on the page of every figure of FIGURE_INFO (`/<name>.html`), at tiny
 * sizes (SwiftShader): a control of the page changed goes into the URL; a reload shows the
 * same values; Back and Forward step through the change (re-mounting the figure); an invalid
 * URL parameter gives a visible notice naming it, and the page's control shows the default
 * used. Pages whose controls are not tied to a parameter still get the URL checks. Both checks
 * of a figure run in one test (one browser context, two `test.step`s), which spares a context
 * and the first fetch of the page's modules per figure.
 */
// Each figure's two checks had 240 s each as separate tests; one test keeps both budgets.
test.setTimeout(480_000);

/**
 * Small sizes per figure: its size parameters (trajectories, horizon, steps) at or near their
 * minimum. The checks are about the URL and the page's controls, not the numbers, and each
 * figure is loaded six times (first load, the control's re-mount, reload, Back, Forward, the
 * invalid parameter): at the default horizon the slow pages took 1–2 minutes a test here.
 */
const TINY: Record<string, Record<string, string>> = {
  random: { n: '4096' },
  regression: { n: '64', T: '1', gamma: '0.02' },
  debiasing: { n: '16', T: '0.5' },
  'dimension-100': { n: '8', T: '1' },
  theorems: { trajectories: '16' },
  lyapunov: { trajectories: '2', T: '1' },
  'weak-convergence': { n: '16', T: '0.5' },
  'long-run': { n: '16', T: '2' },
  'heavy-ball': { T: '2' },
  reddi: { n: '8', T: '0.5' },
  // The saddle page reads positions back about min(T/γ, 40) times per optimizer: 10 steps.
  saddle: { n: '16', T: '1', gamma: '0.1' },
  landscape: { n: '16', T: '0.5' },
  playground: { trajectories: '16', steps: '20' },
};

type Rules = Readonly<Record<string, ParameterRule>>;

/**
 * Tiny sizes for a figure this file does not know: its `n` / `trajectories` near their
 * minimum, its horizon `T` and `steps` at their minimum.
 */
function tinyOf(name: string): Record<string, string> {
  const known = TINY[name];
  if (known) return known;
  const rules = FIGURE_INFO[name as keyof typeof FIGURE_INFO].parameters as unknown as Rules;
  const out: Record<string, string> = {};
  for (const key of ['n', 'trajectories', 'N', 'particles']) {
    const rule = rules[key];
    if (rule?.kind === 'number' && typeof rule.min === 'number')
      out[key] = String(Math.max(rule.min, 16));
    if (rule?.kind === 'choice') out[key] = rule.choices[0] ?? rule.default;
  }
  for (const key of ['T', 'steps']) {
    const rule = rules[key];
    if (rule?.kind === 'number' && typeof rule.min === 'number') out[key] = String(rule.min);
  }
  return out;
}

const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

/**
 * The first control of the page tied to a parameter of the figure (its `name`, or its `id`),
 * outside the figure itself, and the parameter it sets.
 */
async function firstControl(
  page: Page,
  name: string,
): Promise<{ control: Locator; param: string } | undefined> {
  const params = Object.keys(FIGURE_INFO[name as keyof typeof FIGURE_INFO].parameters);
  const candidates = page.locator('form input:not([type=hidden]):not([type=submit]), form select');
  const count = await candidates.count();
  for (let i = 0; i < count; i++) {
    const control = candidates.nth(i);
    if (!(await control.isVisible()) || !(await control.isEnabled())) continue;
    const key = (await control.getAttribute('name')) ?? (await control.getAttribute('id')) ?? '';
    if (params.includes(key) && !['seed', 'n', 'trajectories'].includes(key))
      return { control, param: key };
  }
  return undefined;
}

/** Sets `control` to a value other than its current one (a valid one: the control's own). */
async function changeControl(control: Locator): Promise<string> {
  const tag = await control.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'select') {
    const value = await control.evaluate((e: HTMLSelectElement) => {
      const other = [...e.options].find((o) => o.value !== e.value && !o.disabled);
      return other?.value ?? e.value;
    });
    await control.selectOption(value);
    return value;
  }
  const value = await control.evaluate((e: HTMLInputElement) => {
    if (e.type === 'checkbox') return e.checked ? '' : 'on';
    const min = e.min === '' ? NaN : Number(e.min);
    const max = e.max === '' ? NaN : Number(e.max);
    const now = Number(e.value);
    if (e.type === 'range' || (Number.isFinite(min) && Number.isFinite(max))) {
      // A point a third of the way: valid, and not the current value.
      const target = min + (max - min) / 3;
      const step = e.step === '' || e.step === 'any' ? 0 : Number(e.step);
      const snapped = step > 0 ? min + Math.round((target - min) / step) * step : target;
      return String(Number(snapped.toPrecision(6)));
    }
    if (Number.isFinite(now) && e.value !== '') return String(Number((now * 1.5).toPrecision(3)));
    return `${e.value}x`;
  });
  if (await control.evaluate((e) => (e as HTMLInputElement).type === 'checkbox'))
    await control.click();
  else await control.fill(value);
  return value;
}

for (const name of FIGURE_NAMES) {
  test(`${name}: a control goes into the URL, survives a reload, Back / Forward step; an invalid URL parameter gives a notice naming it`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    const rules = FIGURE_INFO[name].parameters as unknown as Rules;
    const tiny = tinyOf(name);
    let ran = 0;

    await test.step('a control goes into the URL, survives a reload, Back / Forward step', async () => {
      const start = query(tiny);
      await page.goto(`/${name}.html${start}`);
      await ready(page);
      const found = await firstControl(page, name);
      if (!found) {
        test.info().annotations.push({
          type: 'skip',
          description: `${name}: no page control tied to a parameter`,
        });
        return;
      }
      ran++;
      const { control, param } = found;
      const before = page.url();
      const historyBefore = await page.evaluate(() => history.length);
      await changeControl(control);
      // Live controls write the URL at once; a form with a submit button on submit.
      const live = await expect
        .poll(() => page.url(), { timeout: 3_000 })
        .not.toBe(before)
        .then(() => true)
        .catch(() => false);
      if (!live) await page.locator('form button[type=submit]').first().click();
      await expect.poll(() => new URL(page.url()).searchParams.has(param)).toBe(true);
      await ready(page);
      const changed = page.url();
      const shown = await control.inputValue();
      expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);

      await page.reload();
      await ready(page);
      expect(page.url()).toBe(changed);
      await expect(control).toHaveValue(shown);

      await page.goBack();
      await expect.poll(() => page.url()).toBe(before);
      await ready(page);
      await page.goForward();
      await expect.poll(() => page.url()).toBe(changed);
      await ready(page);
      await expect(control).toHaveValue(shown);
    });

    await test.step('an invalid URL parameter gives a notice naming it', async () => {
      // A parameter with a rule that "abc" breaks, not a size (kept tiny).
      const param = Object.keys(rules).find(
        (key) =>
          !(key in tiny) &&
          (rules[key]?.kind === 'number' ||
            rules[key]?.kind === 'numbers' ||
            rules[key]?.kind === 'choice'),
      );
      if (!param) {
        test.info().annotations.push({
          type: 'skip',
          description: `${name}: no parameter that "abc" breaks`,
        });
        return;
      }
      ran++;
      await page.goto(`/${name}.html${query({ ...tiny, [param]: 'abc' })}`);
      await ready(page);
      const notice = page.locator('.adamscope-notice', { hasText: `invalid ${param} = "abc"` });
      await expect(notice).toBeVisible();
      await expect(notice).toContainText(`using the default ${param} = `);
      // A control tied to it shows the default used, not "abc".
      const control = page.locator(`form [name="${param}"]`);
      if ((await control.count()) === 1 && (await control.isVisible()))
        expect(await control.inputValue()).not.toBe('abc');
    });

    expect(errors).toEqual([]);
    test.skip(ran === 0, `${name}: neither check applies`);
  });
}
