import { expect, test, type Page } from '@playwright/test';
import { CpuBackend } from '../src/backend/index.ts';
import { readFigureParameters } from '../src/browser/figures/catalog.ts';
import { adamComparison } from '../src/browser/figures/comparison.ts';
import { startCaption } from '../src/browser/figures/dimension-100.figure.ts';
import { integrateOde } from '../src/ode/index.ts';
import { ready, screenColours, watchErrors } from './harness/checks.ts';

/**
 * The debiasing page's sliders only offer valid values (the b/a range follows γ, from the
 * schema), never leave a stale figure under an error nor an invalid state in the URL; its
 * caption prints honest numbers on the log scale of F − F*. The dimension-100 caption is
 * computed from the ODEs: "faster start without debiasing" only where it is true (not at
 * b/a = 4), and equal to what the library computes. Small sizes (SwiftShader).
 */
test.setTimeout(240_000);

const urlParams = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

/** Moves a range input to its maximum, as a reader dragging it to the end would. */
async function toMax(page: Page, id: string): Promise<void> {
  await page.locator(`#${id}`).evaluate((input: HTMLInputElement) => {
    input.value = input.max;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

test('debiasing: both sliders at their maximum give a valid figure and a valid URL', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/debiasing.html?n=16&T=0.2&gamma=0.02');
  await ready(page);
  await toMax(page, 'gamma');
  await expect(page).toHaveURL(/gamma=0\.1(&|$)/);
  await ready(page);
  await toMax(page, 'ratio');
  await expect(page).toHaveURL(/ratio=1(&|$)/);
  await ready(page);
  const params = urlParams(page);
  // γ = 0.1 (the schema's maximum) and b/a = 1 = min(16, 1/(aγ)): valid, nothing replaced.
  expect(readFigureParameters('debiasing', params).problems).toEqual([]);
  expect(Number(await page.locator('#ratio').getAttribute('max'))).toBeCloseTo(0, 6);
  await expect(page.locator('#ratio-value')).toHaveText('1');
  await expect(page.locator('#gamma-value')).toHaveText('0.1');
  await expect(page.locator('.adamscope-error, pre.error')).toHaveCount(0);
  await expect(page.locator('#caption')).toContainText('The ensembles at γ = 0.1 ');
  expect(await screenColours(page.locator('#chart'))).toBeGreaterThan(8);
  // Back to a small γ: the b/a range widens again (1/(aγ) = 5 at γ = 0.02).
  await page.locator('#gamma').evaluate((input: HTMLInputElement) => {
    input.value = String(Math.log10(0.02));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(page).toHaveURL(/gamma=0\.02(&|$)/);
  await ready(page);
  expect(Number(await page.locator('#ratio').getAttribute('max'))).toBeCloseTo(Math.log10(5), 6);
  expect(readFigureParameters('debiasing', urlParams(page)).problems).toEqual([]);
  expect(errors).toEqual([]);
});

test('debiasing: an invalid b/a in the URL falls back with a notice, the sliders show what runs', async ({
  page,
}) => {
  await page.goto('/debiasing.html?n=16&T=0.2&gamma=0.05&ratio=4');
  await ready(page);
  await expect(page.locator('#notices')).toContainText('ratio');
  await expect(page.locator('#ratio-value')).toHaveText('0.001');
  await expect(page.locator('.adamscope-error')).toHaveCount(0);
});

test('debiasing: the caption shows F − F* on a log scale with real numbers', async ({ page }) => {
  await page.goto('/debiasing.html?n=16&T=0.3&gamma=0.02');
  await ready(page);
  const caption = (await page.locator('#caption').textContent()) ?? '';
  expect(caption).toContain('Log scale of F − F*');
  expect(caption).toMatch(/F\(x\(t\)\) − F\(x0\) ≤ 0 at all 400 output times t > 0 \(largest: −/);
  expect(caption).toContain('F(x0) − F* = 2.0 × 10⁻⁴');
  expect(caption).not.toMatch(/\de[+-]\d/);
});

/** The caption the library computes for dimension-100 at this b/a (defaults: a = 10, T). */
async function expectedCaption(ratio: number, T: number): Promise<string> {
  const params = { gamma: 0.02, a: 10, ratio, n: 16, seed: '1', T };
  const run = adamComparison(
    { name: 'quadratic-diag', dimension: 100, lambdaMin: 0.01, lambdaMax: 1, sigma: 0.1 },
    params,
    new Array<number>(100).fill(1),
    300,
  );
  const cpu = new CpuBackend();
  const debiased = await integrateOde({ ...run.ode, ode: 'adam' }, cpu);
  const autonomous = await integrateOde({ ...run.ode, ode: 'adam-autonomous' }, cpu);
  return startCaption(run.times, debiased.records.F, autonomous.records.F, ratio);
}

for (const [ratio, says] of [
  [4, 'the debiased ODE starts faster'],
  [0.01, 'the start is faster'],
] as const) {
  test(`dimension-100: the caption at b/a = ${ratio} says what the ODEs do`, async ({ page }) => {
    await page.goto(`/dimension-100.html?n=16&T=2&gamma=0.02&ratio=${ratio}`);
    await ready(page);
    const caption = (await page.locator('#caption').textContent()) ?? '';
    expect(caption).toContain(says);
    expect(caption).toBe(await expectedCaption(ratio, 2));
  });
}
