import { resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEV_BASE_URL } from './harness/servers.ts';
import { ready, watchErrors } from './harness/checks.ts';

/**
 * Invalid URL parameters on every figure page (and invalid attributes on the element): each
 * gets a visible notice in the text of ParameterError (`invalid <name> = "<text>": allowed
 * <rule>; using the default <name> = <default>`), an unknown name gets `unknown parameter X;
 * known: ...`, and the figure still renders, with the defaults (data-state ready). Sizes stay
 * small where the values are valid (SwiftShader).
 */
test.setTimeout(150_000);

/** The notices of the page (or of an element), as text. */
async function noticeTexts(scope: Page | Locator): Promise<string[]> {
  return scope.locator('.adamscope-notice').allTextContents();
}

/**
 * Expects one notice per bad parameter, naming it with the value as typed and the default
 * used instead; `unknown` names get the unknown-parameter notice.
 */
async function expectNotices(
  scope: Page | Locator,
  bad: Record<string, { value: string; default: string }>,
  unknown: string[] = [],
): Promise<string[]> {
  const texts = await noticeTexts(scope);
  for (const [name, { value, default: used }] of Object.entries(bad)) {
    const line = texts.find((text) => text.startsWith(`invalid ${name} = `));
    expect(line, `a notice for ${name} in ${JSON.stringify(texts)}`).toBeDefined();
    expect(line).toContain(`invalid ${name} = ${JSON.stringify(value)}: allowed `);
    expect(line).toMatch(new RegExp(`; using the default ${name} = ${escape(used)}$`));
  }
  for (const name of unknown) {
    const line = texts.find((text) => text.startsWith(`unknown parameter ${name};`));
    expect(line, `a notice for the unknown ${name} in ${JSON.stringify(texts)}`).toMatch(
      /; known: .+/,
    );
  }
  const invalid = texts.filter((text) => /^(invalid|unknown parameter) /.test(text));
  expect(invalid).toHaveLength(Object.keys(bad).length + unknown.length);
  return texts;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A page loaded with invalid values, and what it must show. */
interface PageCase {
  url: string;
  /** The invalid parameters: the value as typed, the default used instead. */
  bad: Record<string, { value: string; default: string }>;
  unknown?: string[];
  /** Notices expected word for word. */
  notices?: string[];
  /** Checks that the figure runs with the defaults (the controls show them too). */
  check?: (page: Page) => Promise<void>;
}

const LONG_SEED = 'x'.repeat(65);
const SMALL_SIZE = 'the small size of the experiment';

const CASES: Record<string, PageCase> = {
  'random: n=abc, p=-1, dist=foo, a long seed, backend=nonsense, an unknown name': {
    url: `/random.html?n=abc&p=-1&dist=foo&seed=${LONG_SEED}&backend=nonsense&bogus=1&embed=0`,
    bad: {
      n: { value: 'abc', default: '65536' },
      p: { value: '-1', default: '0.3' },
      dist: { value: 'foo', default: 'uniform,normal,bernoulli' },
      seed: { value: LONG_SEED, default: '42' },
      backend: { value: 'nonsense', default: 'webgpu' },
    },
    unknown: ['bogus'],
    notices: [
      'invalid backend = "nonsense": allowed one of webgpu, cpu; using the default backend = webgpu',
      'invalid p = "-1": allowed a number in [0, 1]; using the default p = 0.3',
    ],
    check: async (page) => {
      await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
      // The defaults: three laws, 65536 draws; the controls show what the figure uses.
      await expect(page.locator('figure')).toHaveCount(3);
      await expect(page.locator('#n')).toHaveValue('65536');
      await expect(page.locator('#p')).toHaveValue('0.3');
    },
  },
  'regression: n=1e9, gamma=abc, a=-1, x0 of three numbers, paused=maybe, sigma=0x10': {
    url: '/regression.html?n=1e9&gamma=abc&a=-1&x0=1,2,3&paused=maybe&sigma=0x10&T=2&backend=cpu&gama=0.1',
    bad: {
      n: { value: '1e9', default: '4096' },
      gamma: { value: 'abc', default: '0.01' },
      a: { value: '-1', default: '1' },
      x0: { value: '1,2,3', default: '0,0' },
      paused: { value: 'maybe', default: 'false' },
      sigma: { value: '0x10', default: '1' },
    },
    unknown: ['gama'],
    notices: [
      'invalid n = "1e9": allowed an integer in [1, 1048576]; using the default n = 4096',
      // The default n, capped on the cpu backend.
      'the cpu backend runs at most 256 trajectories here',
    ],
    check: async (page) => {
      await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
      await expect(page.locator('#gamma')).toHaveValue('0.01');
      await expect(page.locator('#n')).toHaveValue('4096');
      // paused=maybe is invalid: the default (not paused) plays.
      await expect
        .poll(async () => Number(await page.locator('body').getAttribute('data-step')))
        .toBeGreaterThan(5);
    },
  },
  'debiasing: gamma=1e9, a=abc, ratio=-0.5, n=2.5': {
    url: '/debiasing.html?gamma=1e9&a=abc&ratio=-0.5&n=2.5&T=0.6&backend=cpu',
    bad: {
      gamma: { value: '1e9', default: '0.01' },
      a: { value: 'abc', default: '10' },
      ratio: { value: '-0.5', default: '0.001' },
      n: { value: '2.5', default: '2048' },
    },
    notices: [
      'invalid ratio = "-0.5": allowed a number in [0.0001, min(16, 1/(aγ)) = 10]; using the default ratio = 0.001',
    ],
    check: async (page) => {
      await expect(page.locator('#gamma-value')).toHaveText('0.01');
      await expect(page.locator('#ratio-value')).toHaveText('0.001');
      await expect(page.locator('#caption')).toContainText(
        'Along the debiased ODE, F(x(t)) − F(x0)',
      );
    },
  },
  'dimension-100: ratio=foo, n=1e9, gamma=-1, an unknown name': {
    url: '/dimension-100.html?ratio=foo&n=1e9&gamma=-1&T=0.5&backend=cpu&extra=',
    bad: {
      ratio: { value: 'foo', default: '0.1' },
      n: { value: '1e9', default: '1024' },
      gamma: { value: '-1', default: '0.005' },
    },
    unknown: ['extra'],
    notices: ['invalid n = "1e9": allowed an integer in [2, 65536]; using the default n = 1024'],
    check: async (page) => {
      await expect(page.locator('#ratio')).toHaveValue('0.1');
    },
  },
  'theorems: experiment=nope, trajectories=-1, backend=nonsense': {
    url: '/theorems.html?experiment=nope&trajectories=-1&backend=nonsense',
    bad: {
      experiment: { value: 'nope', default: 'weak-convergence' },
      trajectories: { value: '-1', default: SMALL_SIZE },
      backend: { value: 'nonsense', default: 'webgpu' },
    },
    notices: [
      `invalid trajectories = "-1": allowed an integer in [1, 4096]; using the default trajectories = ${SMALL_SIZE}`,
    ],
    check: async (page) => {
      // The default experiment ran, at its small size.
      await expect(page.locator('#experiment')).toHaveValue('weak-convergence');
      await expect(page.locator('#verdict')).not.toHaveText('running…');
      await expect(page.locator('#params')).toContainText('trajectories = 64');
    },
  },
  ...Object.fromEntries(
    ['1e9', 'abc'].map((value): [string, PageCase] => [
      `theorems: trajectories=${value}`,
      {
        url: `/theorems.html?experiment=reddi&trajectories=${value}`,
        bad: { trajectories: { value, default: SMALL_SIZE } },
        check: async (page) => {
          await expect(page.locator('#params')).toContainText('trajectories = 128');
        },
      },
    ]),
  ),
};

for (const [title, c] of Object.entries(CASES)) {
  test(title, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(c.url);
    await ready(page);
    const texts = await expectNotices(page, c.bad, c.unknown);
    for (const line of c.notices ?? []) expect(texts).toContain(line);
    await c.check?.(page);
    test.info().annotations.push({ type: 'notices', description: texts.join('\n') });
    expect(errors).toEqual([]);
  });
}

/** The package's browser entry on the Vite dev server (files outside demos/ under /@fs). */
const BROWSER_ENTRY = `/@fs${resolve(import.meta.dirname, '../src/browser/index.ts')}`;

test('the element: invalid attributes get notices inside it; it renders with the defaults', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // The entry under /@fs: the dev server (harness/servers.ts).
  await page.goto(`${DEV_BASE_URL}/index.html`);
  await ready(page);
  await page.evaluate(async (url) => {
    const browser = (await import(/* @vite-ignore */ url)) as {
      defineFigureElements(): void;
    };
    browser.defineFigureElements();
    document.body.insertAdjacentHTML(
      'afterbegin',
      '<adamscope-figure id="bad" name="random" n="1e9" p="abc" dist="normal,foo" backend="nonsense" style="width: 700px"></adamscope-figure>',
    );
  }, BROWSER_ENTRY);
  const figure = page.locator('#bad');
  await ready(figure);
  const texts = await expectNotices(figure, {
    n: { value: '1e9', default: '65536' },
    p: { value: 'abc', default: '0.3' },
    dist: { value: 'normal,foo', default: 'uniform,normal,bernoulli' },
    backend: { value: 'nonsense', default: 'webgpu' },
  });
  await expect(figure).toHaveAttribute('data-backend', 'webgpu');
  await expect(figure.locator('figure')).toHaveCount(3);
  test.info().annotations.push({ type: 'notices', description: texts.join('\n') });
  expect(errors).toEqual([]);
});
