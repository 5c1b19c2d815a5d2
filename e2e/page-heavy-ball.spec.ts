import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ready, screenColours, watchErrors } from './harness/checks.ts';
import { dragX0 } from './harness/drag.ts';

/**
 * Heavy-ball page: loads with no console or GPU errors, its charts are not blank, the balls
 * move, and F at T of each of the three balls equals what `adamscope ode` computes for the same
 * ODE, problem, x0 and output times (both the float64 dopri5 of src/ode).
 */
test.setTimeout(180_000);

const CONFIG = { x0: -1.9, a: 1, b: 1, friction: 0.5, sigma: 0.3, T: 20 };
const QUERY = Object.entries(CONFIG)
  .map(([k, v]) => `${k}=${v}`)
  .join('&');
/** The figure's output grid: 201 equispaced times (OUTPUTS = 200). */
const TIMES = Array.from({ length: 201 }, (_, k) => (CONFIG.T * k) / 200).join(',');

function cliFinalF(ode: string, extra: string[] = []): number {
  const out = join(mkdtempSync(join(tmpdir(), 'heavy-ball-')), 'ode.json');
  const args = [
    ...['ode', '--backend', 'cpu', '--problem', 'double-well', '--sigma', String(CONFIG.sigma)],
    ...['--ode', ode, '--x0', `${CONFIG.x0},0`, '--T', String(CONFIG.T), '--times', TIMES],
    ...extra,
    ...['--out', out, '--quiet'],
  ];
  execFileSync('node', ['bin/adamscope.js', ...args], { stdio: 'pipe' });
  const F = (JSON.parse(readFileSync(out, 'utf8')) as { F: number[] }).F;
  return F.at(-1) ?? NaN;
}

test('heavy-ball: F at T of the three balls equals the CLI ode command; balls move', async ({
  page,
}) => {
  // The CLI first (under load it takes seconds), then the page, paused at t = 0.
  const expected = {
    'adam-final-f': cliFinalF('heavy-ball-adam', [
      '--a',
      String(CONFIG.a),
      '--b',
      String(CONFIG.b),
    ]),
    'heavy-final-f': cliFinalF('heavy-ball', ['--lambda', String(CONFIG.friction)]),
    'flow-final-f': cliFinalF('gradient-flow'),
  };
  const errors = watchErrors(page);
  await page.goto(`/heavy-ball.html?paused&${QUERY}`);
  await ready(page);
  const body = page.locator('body');
  const shown = async (key: string) => Number(await body.getAttribute(`data-${key}`));
  for (const [key, value] of Object.entries(expected)) {
    const got = await shown(key);
    expect(Math.abs(got - value), `${key}: ${got} vs ${value}`).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(value)),
    );
  }
  for (const id of ['#heavy-ball-landscape', '#heavy-ball-paths', '#heavy-ball-coefficients'])
    expect(await screenColours(page.locator(id))).toBeGreaterThan(8);
  const first = await page.locator('#heavy-ball-landscape').screenshot();
  expect(await shown('t')).toBe(0);
  await page.locator('#figure-toggle').click();
  await expect.poll(async () => shown('t')).toBeGreaterThan(1);
  const second = await page.locator('#heavy-ball-landscape').screenshot();
  expect(first.equals(second)).toBe(false);
  await page.screenshot({ path: 'test-results/screenshots/heavy-ball-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/screenshots/heavy-ball-390.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('heavy-ball: drag x0 on the graph of F, scrub t; both in the URL, Back restores', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/heavy-ball.html?paused&x0=-1.5&T=10');
  await ready(page);
  const body = page.locator('body');
  const canvas = page.locator('#heavy-ball-landscape');
  const before = await page.evaluate(() => history.length);
  await dragX0(canvas, { dx: 12, dy: 0 });
  await expect(page).not.toHaveURL(/x0=-1\.5(&|$)/);
  // One history entry for the whole drag; the balls start from the new x0.
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  const dragged = Number(new URL(page.url()).searchParams.get('x0'));
  expect(dragged).toBeGreaterThan(-1.5);
  await expect(body).toHaveAttribute('data-x0', String(dragged));
  await page.goBack();
  await expect(page).toHaveURL(/x0=-1\.5(&|$)/);
  await expect(body).toHaveAttribute('data-x0', '-1.5');
  // The scrubber: t in the URL, the figure changes, the link reproduces it.
  const scrubber = page.getByTestId('time-scrubber');
  await expect(scrubber).toBeEnabled();
  const still = await canvas.screenshot();
  await scrubber.fill('5');
  await expect(page).toHaveURL(/[?&]t=5(\.0+)?(&|$)/);
  await expect(body).toHaveAttribute('data-t', '5.000');
  expect(still.equals(await canvas.screenshot())).toBe(false);
  await page.reload();
  await ready(page);
  await expect(body).toHaveAttribute('data-t', '5.000');
  await expect(scrubber).toHaveValue('5');
  await page.goBack();
  await expect(page).not.toHaveURL(/[?&]t=/);
  await expect(body).toHaveAttribute('data-t', '0.000');
  expect(errors).toEqual([]);
});
