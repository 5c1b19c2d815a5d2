import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ready, screenColours, watchErrors } from './harness/checks.ts';

/**
 * Saddle page: loads with no console or GPU errors, its charts are not blank, and the escape
 * counts and median escape times it reports equal those of `adamscope experiment saddle` for the
 * same configuration and seed (cpu backend on both sides). Tiny sizes.
 */
test.setTimeout(240_000);

// probeEvery = round(T/γ/40) in the figure (PROBES = 40); the CLI gets the same.
const CONFIG = { n: 32, gamma: 0.05, T: 5, sigma: 0.1, threshold: 0.5, seed: '3' };
const QUERY = Object.entries(CONFIG)
  .map(([k, v]) => `${k}=${v}`)
  .join('&');
const METHODS = ['sgd', 'heavy-ball', 'adam', 'rmsprop'] as const;

interface Report {
  groups: { method: string; summary: { quantiles: { p: number; t: number | null }[] } }[];
  escapeTimes: Record<string, (number | null)[]>;
}

function cliReport(): Report {
  const out = mkdtempSync(join(tmpdir(), 'saddle-'));
  const flags = {
    backend: 'cpu',
    trajectories: CONFIG.n,
    gammas: CONFIG.gamma,
    T: CONFIG.T,
    sigma: CONFIG.sigma,
    threshold: CONFIG.threshold,
    optimizers: METHODS.join(','),
    a: 10,
    b: 1,
    'probe-every': Math.max(1, Math.round(CONFIG.T / CONFIG.gamma / 40)),
    seed: CONFIG.seed,
    out,
  };
  const args = Object.entries(flags).flatMap(([k, v]) => [`--${k}`, String(v)]);
  execFileSync('node', ['bin/adamscope.js', 'experiment', 'saddle', ...args, '--quiet'], {
    stdio: 'pipe',
  });
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
}

test('saddle: escape counts and medians equal the CLI experiment (cpu backend, same seed)', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/saddle.html?backend=cpu&${QUERY}`);
  await ready(page);
  const report = cliReport();
  const body = page.locator('body');
  for (const method of METHODS) {
    const times = report.escapeTimes[`${method}@${CONFIG.gamma}`] ?? [];
    const escaped = times.filter((t) => t !== null).length;
    await expect(body).toHaveAttribute(`data-${method}-escaped`, String(escaped));
    await expect(body).toHaveAttribute(`data-${method}-stayed`, String(times.length - escaped));
    const median = report.groups.find((g) => g.method === method)?.summary.quantiles[2]?.t;
    // JSON writes Infinity (not escaped by T) as null.
    await expect(body).toHaveAttribute(`data-${method}-median`, String(median ?? Infinity));
  }
  await expect(page.locator('#saddle-histogram-caption')).toContainText('not by T');
  expect(errors).toEqual([]);
});

test('saddle: WebGPU page, survival curves and histograms drawn, 1280 and 390 px', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // Two optimizers on the GPU (2 × 40 read-backs on a software GPU, on a loaded machine).
  await page.goto(`/saddle.html?optimizers=sgd,adam&${QUERY}`);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready', { timeout: 200_000 });
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  for (const id of ['#saddle-survival', '#saddle-histogram'])
    expect(await screenColours(page.locator(id))).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/screenshots/saddle-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'test-results/screenshots/saddle-390.png', fullPage: true });
  expect(errors).toEqual([]);
});
