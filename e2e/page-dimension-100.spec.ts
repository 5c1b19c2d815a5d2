import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';
import { lastRunRecord, withinEngines } from './harness/cliReport.ts';

/**
 * Dimension-100 page: the b/a selector follows Back / Forward (the URL is the state). Tiny
 * sizes (SwiftShader, a shared machine).
 */
test.setTimeout(120_000);

test('dimension-100: the b/a selector follows Back and Forward', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/dimension-100.html?n=16&T=2&gamma=0.02');
  await ready(page);
  const select = page.locator('#ratio');
  await expect(select).toHaveValue('0.1');
  await select.selectOption('4');
  await expect(page).toHaveURL(/ratio=4(&|$)/);
  await ready(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/ratio=/);
  await expect(select).toHaveValue('0.1');
  await ready(page);
  await page.goForward();
  await expect(page).toHaveURL(/ratio=4(&|$)/);
  await expect(select).toHaveValue('4');
  await ready(page);
  expect(errors).toEqual([]);
});

test('dimension-100: the final medians of both groups equal `adamscope run`', async ({ page }) => {
  // quadratic-diag, d = 100, λ log-spaced in [0.01, 1], σ = 0.1, from x0 = 1; 100 steps.
  const config = { gamma: 0.02, a: 10, ratio: 0.5, n: 8, T: 2, seed: '3' };
  const errors = watchErrors(page);
  const query = Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  await page.goto(`/dimension-100.html?backend=cpu&${query}`);
  await ready(page);
  const body = page.locator('body');
  await expect(body).toHaveAttribute('data-progress', '1.000', { timeout: 60_000 });
  const steps = Math.round(config.T / config.gamma);
  const common = [
    ...['--backend', 'cpu', '--problem', 'quadratic-diag', '--dim', '100', '--sigma', '0.1'],
    ...['--lambda-min', '0.01', '--lambda-max', '1', '--x0', '1'],
    ...['--optimizer', 'adam', '--gamma', String(config.gamma), '--a', String(config.a)],
    ...['--b', String(config.ratio * config.a)],
    ...['--trajectories', String(2 * config.n), '--steps', String(steps), '--seed', config.seed],
  ];
  // Group 0 (debiased) is trajectories 0 … n−1 of the 2n, group 1 the rest: CLI shards.
  const debiased = lastRunRecord([...common, '--trajectory-range', `0:${config.n}`]);
  const plain = lastRunRecord([
    ...common,
    ...['--trajectory-range', `${config.n}:${2 * config.n}`, '--no-debias'],
  ]);
  expect(debiased.step).toBe(steps);
  // The same float64 engine on both sides, in two V8s (ENGINES_RTOL): measured 1 ulp here.
  for (const [key, record] of [
    ['data-median-0', debiased],
    ['data-median-1', plain],
  ] as const) {
    const shown = Number(await body.getAttribute(key));
    const expected = record.F.q50;
    expect(withinEngines(shown, expected), `${key}: ${shown} vs ${expected}`).toBe(true);
  }
  const summary = page.locator('.af-summary');
  await expect(summary).toContainText(`ADAM (debiased): median F ${debiased.F.q50.toPrecision(3)}`);
  await expect(summary).toContainText(
    `ADAM without debiasing: median F ${plain.F.q50.toPrecision(3)}`,
  );
  expect(errors).toEqual([]);
});
