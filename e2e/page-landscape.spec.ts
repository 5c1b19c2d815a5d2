import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { canvasPixels, ready, screenColours, watchErrors } from './harness/checks.ts';
import { dragX0 } from './harness/drag.ts';

/**
 * The landscape page: two particle clouds (ADAM, SGD) from one cloud of starting points on
 * the double well, drawn from the GPU state buffer over the heat map, and the live
 * statistics. The final median F it shows equals what `adamscope run` computes for the same
 * configuration and seed (exactly on the cpu backend, float64 on both sides; within 2 % on
 * WebGPU, float32 state against the CLI's float64 twin). Needs `npm run build:lib` (the CLI).
 */
test.setTimeout(120_000);

const CONFIG = { n: 96, gamma: 0.02, T: 1, seed: '3', x0: '0,0.5', spread: 0.5 };
const STEPS = Math.round(CONFIG.T / CONFIG.gamma);
const QUERY = `problem=double-well&left=adam&right=sgd&n=${CONFIG.n}&T=${CONFIG.T}&gamma=${CONFIG.gamma}&seed=${CONFIG.seed}&x0=${CONFIG.x0}&spread=${CONFIG.spread}`;

/** The final median F of `adamscope run` (cpu backend, float64) for one optimizer. */
function cliMedian(optimizer: 'adam' | 'sgd'): number {
  const out = join(mkdtempSync(join(tmpdir(), 'landscape-')), 'run.json');
  const extra = optimizer === 'adam' ? ['--a', '1', '--b', '1'] : [];
  execFileSync(
    'node',
    [
      'bin/adamscope.js',
      'run',
      '--problem',
      'double-well',
      '--optimizer',
      optimizer,
      '--gamma',
      String(CONFIG.gamma),
      ...extra,
      '--trajectories',
      String(CONFIG.n),
      '--steps',
      String(STEPS),
      '--x0',
      CONFIG.x0,
      '--x0-spread',
      String(CONFIG.spread),
      '--seed',
      CONFIG.seed,
      '--backend',
      'cpu',
      '--out',
      out,
      '--quiet',
    ],
    { stdio: 'pipe' },
  );
  const result = JSON.parse(readFileSync(out, 'utf8')) as {
    records: { step: number; F: { q50: number } }[];
  };
  const last = result.records.at(-1);
  if (!last || last.step !== STEPS) throw new Error('the CLI run has no final record');
  return last.F.q50;
}

async function finalMedians(page: Page): Promise<[number, number]> {
  await expect(page.locator('body')).toHaveAttribute('data-stats-step', String(STEPS), {
    timeout: 60_000,
  });
  const body = page.locator('body');
  return [
    Number(await body.getAttribute('data-median-0')),
    Number(await body.getAttribute('data-median-1')),
  ];
}

test('landscape: WebGPU clouds over the heat map, and the CLI median F', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/landscape.html?${QUERY}`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgpu');
  await expect(page.locator('.landscape-particles').first()).toHaveAttribute(
    'data-renderer',
    'webgpu',
  );
  expect(await screenColours(page.locator('.landscape-base').first())).toBeGreaterThan(16);
  const [adam, sgd] = await finalMedians(page);
  expect(await screenColours(page.locator('#landscape-chart'))).toBeGreaterThan(4);
  expect(await screenColours(page.locator('#landscape-panel-0'))).toBeGreaterThan(16);
  await expect(page.locator('#landscape-stats td').first()).toHaveText('ADAM');
  expect(Math.abs(adam / cliMedian('adam') - 1)).toBeLessThan(0.02);
  expect(Math.abs(sgd / cliMedian('sgd') - 1)).toBeLessThan(0.02);
  await page.screenshot({ path: 'test-results/screenshots/landscape.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('landscape: the cpu backend draws on Canvas 2D and equals the CLI exactly', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/landscape.html?${QUERY}&backend=cpu`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  await expect(page.locator('.landscape-particles').first()).toHaveAttribute(
    'data-renderer',
    'canvas2d',
  );
  const [adam, sgd] = await finalMedians(page);
  expect(
    (await canvasPixels(page.locator('.landscape-particles').first())).painted,
  ).toBeGreaterThan(20);
  expect(adam).toBe(cliMedian('adam'));
  expect(sgd).toBe(cliMedian('sgd'));
  expect(errors).toEqual([]);
});

test('landscape: at 390 px the figure fits the width', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`/landscape.html?${QUERY}&problem=rosenbrock&right=heavy-ball`);
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-stats-step', /\d+/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/screenshots/landscape-390.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('landscape: scrub t of the settled run, drag x0 on a panel; both in the URL, Back restores', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // A short run (10 steps): the machine is shared and SwiftShader is slow.
  await page.goto(`/landscape.html?${QUERY.replace(`&T=${CONFIG.T}&`, '&T=0.2&')}`);
  await ready(page);
  const body = page.locator('body');
  // The time scrubber, once the run has settled: the clouds of a stored readback.
  const scrubber = page.getByTestId('time-scrubber');
  await expect(scrubber).toBeEnabled({ timeout: 60_000 });
  await scrubber.fill('0.1');
  await expect(page).toHaveURL(/[?&]t=0\.10(&|$)/);
  const replayed = Number(await body.getAttribute('data-replay-step'));
  expect(replayed).toBeLessThanOrEqual(5);
  await expect(page.locator('.landscape-particles').first()).toBeHidden();
  await expect(page.locator('#landscape-caption-0')).toContainText('replay at t = nγ');
  // x0 dragged: a new run from it in both panels (the same cloud), t dropped.
  const right = page.locator('#landscape-panel-1');
  const crossBefore = await right.getAttribute('data-x0-pixel');
  const before = await page.evaluate(() => history.length);
  await dragX0(page.locator('#landscape-panel-0'), { dx: 10, dy: 4 });
  await expect(page).not.toHaveURL(/x0=0(%2C|,)0\.5(&|$)/);
  await expect(page).not.toHaveURL(/[?&]t=/);
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  const [x, y] = (new URL(page.url()).searchParams.get('x0') ?? '').split(',').map(Number);
  expect(x).toBeGreaterThan(0);
  expect(y).toBeLessThan(0.5);
  await expect(right).not.toHaveAttribute('data-x0-pixel', crossBefore ?? '');
  await expect(body).toHaveAttribute('data-x0', `${x},${y}`);
  await expect(page.locator('.landscape-particles').first()).toBeVisible();
  // Back: the first x0 and the replayed t again (shown once the run has settled).
  await page.goBack();
  await expect(page).toHaveURL(/x0=0(%2C|,)0\.5(&|$)/);
  await expect(page).toHaveURL(/[?&]t=0\.10(&|$)/);
  await ready(page);
  await expect(right).toHaveAttribute('data-x0-pixel', crossBefore ?? '');
  await expect(scrubber).toHaveValue('0.1', { timeout: 60_000 });
  expect(errors).toEqual([]);
});

/** Network mode (issue 11): the loss-landscape slice of a small network. */
const NETWORK = { dataset: 'moons', samples: 64, hidden: '16', runs: 1, T: 2, seed: '3' };
const NETWORK_QUERY = `dataset=${NETWORK.dataset}&samples=${NETWORK.samples}&hidden=${NETWORK.hidden}&runs=${NETWORK.runs}&T=${NETWORK.T}&seed=${NETWORK.seed}&resolution=5&training=3`;

/** centreLoss of `adamscope experiment landscape` (cpu backend) for the same configuration. */
function cliCentreLoss(): number {
  const out = join(mkdtempSync(join(tmpdir(), 'landscape-net-')), 'report');
  execFileSync(
    'node',
    [
      'bin/adamscope.js',
      'experiment',
      'landscape',
      ...Object.entries(NETWORK).flatMap(([k, v]) => [`--${k}`, String(v)]),
      '--resolution',
      '3',
      '--backend',
      'cpu',
      '--out',
      out,
      '--quiet',
    ],
    { stdio: 'pipe' },
  );
  return (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { centreLoss: number })
    .centreLoss;
}

test('landscape, network mode: heat map of a network slice, F at the centre equals the CLI', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(`/landscape.html?${NETWORK_QUERY}`);
  await ready(page);
  const body = page.locator('body');
  await expect(body).toHaveAttribute('data-centre-loss', /\d/, { timeout: 60_000 });
  const shown = Number(await body.getAttribute('data-centre-loss'));
  const cell = Number(await body.getAttribute('data-centre-cell'));
  // F(c) is the float64 twin on both sides (same code): equal up to the last bits of
  // Math.tanh/exp/log; the grid's centre cell is float32 on WebGPU (1e-4 relative).
  const cli = cliCentreLoss();
  expect(Math.abs(shown / cli - 1)).toBeLessThan(1e-12);
  expect(Math.abs(cell / cli - 1)).toBeLessThan(1e-4);
  expect(await screenColours(page.locator('.landscape-network-canvas'))).toBeGreaterThan(4);
  // The training runs are drawn (thin lines, with a legend) and the page's own intro shows.
  await expect(body).toHaveAttribute('data-training-runs', '3');
  // The network step kernel binds 9 storage buffers (the library's data packed in one), within
  // SwiftShader's 10: the training runs stay on WebGPU, no cpu fallback notice.
  await expect(body).toHaveAttribute('data-backend', 'webgpu');
  await expect(body).toHaveAttribute('data-training-backend', 'webgpu');
  await expect(page.getByText(/the training runs use the cpu backend/)).toHaveCount(0);
  const canvas = page.locator('.landscape-network-canvas');
  await expect(canvas).toHaveAttribute('aria-label', /3 ADAM training runs \(thin lines/);
  await expect(page.locator('#intro-network')).toBeVisible();
  await expect(page.locator('#intro-toy')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/landscape-network.png', fullPage: true });
  expect(errors).toEqual([]);
});
