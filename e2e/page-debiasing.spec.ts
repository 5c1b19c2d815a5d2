import { expect, test } from '@playwright/test';
import { ready, watchErrors } from './harness/checks.ts';
import { lastRunRecord, withinEngines } from './harness/cliReport.ts';

/**
 * Debiasing page: its sliders are live and follow Back / Forward (the URL is the state: a
 * slider moved is one history entry, Back re-mounts the figure and moves the slider back).
 * Tiny sizes (SwiftShader, a shared machine).
 */
test.setTimeout(120_000);

test('debiasing: the b/a slider follows Back and Forward', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/debiasing.html?n=16&T=0.2&gamma=0.02');
  await ready(page);
  const ratio = page.locator('#ratio');
  await expect(ratio).toHaveValue('-3');
  const before = await page.evaluate(() => history.length);
  await ratio.fill('-1');
  await expect(page).toHaveURL(/ratio=0\.1(&|$)/);
  await expect(page.locator('#ratio-value')).toHaveText('0.1');
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  await ready(page);
  await page.goBack();
  await expect(page).not.toHaveURL(/ratio=/);
  await expect(ratio).toHaveValue('-3');
  await expect(page.locator('#ratio-value')).toHaveText('0.001');
  await ready(page);
  await page.goForward();
  await expect(page).toHaveURL(/ratio=0\.1(&|$)/);
  await expect(ratio).toHaveValue('-1');
  await expect(page.locator('#ratio-value')).toHaveText('0.1');
  await ready(page);
  expect(errors).toEqual([]);
});

test('debiasing: the final medians of both groups equal `adamscope run`', async ({ page }) => {
  // regression2d (p = 0.5, σ = 0.1) from x* + (0.02, −0.02), as the figure runs it; 50 steps.
  const config = { gamma: 0.02, a: 10, ratio: 0.001, n: 16, T: 1, seed: '5' };
  const errors = watchErrors(page);
  const query = Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  await page.goto(`/debiasing.html?backend=cpu&${query}`);
  await ready(page);
  const body = page.locator('body');
  await expect(body).toHaveAttribute('data-progress', '1.000', { timeout: 60_000 });
  const steps = Math.round(config.T / config.gamma);
  // The figure's groups: trajectories 0 … n−1 debiased, n … 2n−1 not, each with the random
  // stream of its index in the run of 2n; a shard of the CLI run has the same streams.
  const common = [
    ...['--backend', 'cpu', '--problem', 'regression2d', '--p', '0.5', '--sigma', '0.1'],
    ...['--optimizer', 'adam', '--gamma', String(config.gamma), '--a', String(config.a)],
    ...['--b', String(config.ratio * config.a), '--x0', `${3 + 0.02},${1 - 0.02}`],
    ...['--trajectories', String(2 * config.n), '--steps', String(steps), '--seed', config.seed],
  ];
  const debiased = lastRunRecord([...common, '--trajectory-range', `0:${config.n}`]);
  const plain = lastRunRecord([
    ...common,
    ...['--trajectory-range', `${config.n}:${2 * config.n}`, '--no-debias'],
  ]);
  expect(debiased.step).toBe(steps);
  // The same float64 engine on both sides (the page's cpu backend is the CLI's), in two V8s.
  const median0 = Number(await body.getAttribute('data-median-0'));
  const median1 = Number(await body.getAttribute('data-median-1'));
  expect(withinEngines(median0, debiased.F.q50), `${median0} vs ${debiased.F.q50}`).toBe(true);
  expect(withinEngines(median1, plain.F.q50), `${median1} vs ${plain.F.q50}`).toBe(true);
  // What a reader sees: the summary's medians, to three digits.
  const summary = page.locator('.af-summary');
  await expect(summary).toContainText(`ADAM (debiased): median F ${debiased.F.q50.toPrecision(3)}`);
  await expect(summary).toContainText(
    `ADAM without debiasing: median F ${plain.F.q50.toPrecision(3)}`,
  );
  expect(errors).toEqual([]);
});
