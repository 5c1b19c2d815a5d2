/**
 * The debiasing and dimension-100 pages (src/browser/figures/comparison.ts) against the CLI:
 * the page runs ADAM on the cpu backend with 2n trajectories, 0 … n−1 debiased and n … 2n−1
 * not, each with the random stream of its index; the two shards of `adamscope run` over the
 * same 2n trajectories (`--trajectory-range`, the second with `--no-debias`) have the same
 * streams. Checks the final medians the page reports (data-median-0/1, to ENGINES_RTOL) and
 * the ones its summary prints (three digits).
 */
import { expect, type Page } from '@playwright/test';
import { ready } from './checks.ts';
import { lastRunRecord, withinEngines } from './cliReport.ts';

export interface ComparisonCase {
  /** The page, e.g. `debiasing`. */
  figure: string;
  /** The page's parameters (gamma, a, ratio, n, T, seed). */
  config: { gamma: number; a: number; ratio: number; n: number; T: number; seed: string };
  /** `adamscope run` flags of the page's problem and x0. */
  problemArgs: readonly string[];
}

export async function expectComparisonMatchesCli(page: Page, c: ComparisonCase): Promise<void> {
  const { config } = c;
  const query = Object.entries(config)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  await page.goto(`/${c.figure}.html?backend=cpu&${query}`);
  await ready(page);
  const body = page.locator('body');
  await expect(body).toHaveAttribute('data-progress', '1.000', { timeout: 60_000 });
  const steps = Math.round(config.T / config.gamma);
  const common = [
    ...['--backend', 'cpu', ...c.problemArgs, '--optimizer', 'adam'],
    ...['--gamma', String(config.gamma), '--a', String(config.a)],
    ...['--b', String(config.ratio * config.a)],
    ...['--trajectories', String(2 * config.n), '--steps', String(steps), '--seed', config.seed],
  ];
  const debiased = lastRunRecord([...common, '--trajectory-range', `0:${config.n}`]);
  const plain = lastRunRecord([
    ...common,
    ...['--trajectory-range', `${config.n}:${2 * config.n}`, '--no-debias'],
  ]);
  expect(debiased.step).toBe(steps);
  // The same float64 engine on both sides (the page's cpu backend is the CLI's), in two V8s.
  for (const [key, record] of [
    ['data-median-0', debiased],
    ['data-median-1', plain],
  ] as const) {
    const shown = Number(await body.getAttribute(key));
    expect(withinEngines(shown, record.F.q50), `${key}: ${shown} vs ${record.F.q50}`).toBe(true);
  }
  // What a reader sees: the summary's medians, to three digits.
  const summary = page.locator('.af-summary');
  await expect(summary).toContainText(`ADAM (debiased): median F ${debiased.F.q50.toPrecision(3)}`);
  await expect(summary).toContainText(
    `ADAM without debiasing: median F ${plain.F.q50.toPrecision(3)}`,
  );
}
