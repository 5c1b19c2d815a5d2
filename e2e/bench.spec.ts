import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEV_BASE_URL } from './harness/servers.ts';

import { markdownTable, validateResult, type BenchResult } from '../bench/lib/core.ts';
import { smokePlan } from '../bench/lib/suite.ts';
import type * as BenchPage from '../bench/page.ts';

// Imports sources under /@fs: the dev server (harness/servers.ts).
test.use({ baseURL: DEV_BASE_URL });

/** The bench page module on the Vite dev server (files outside demos/ are served under /@fs). */
const BENCH_PAGE = `/@fs${resolve(import.meta.dirname, '..', 'bench', 'page.ts')}`;

/**
 * Smoke run of the benchmark suite's browser half (npm run bench) at tiny sizes: TensorFlow.js
 * peers, the plain loop and the cpu backend agree with adamscope; the rows have the result
 * format; the frame loop draws. Never asserts a speed.
 */
test('benchmark suite in the browser: tiny plan, peers agree, result format', async ({ page }) => {
  test.setTimeout(120_000);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto('/index.html');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const plan = smokePlan();
  plan.workloads = ['peers', 'reduce', 'frame-loop'];
  const browser = await page.evaluate(
    async ([url, p]) =>
      ((await import(/* @vite-ignore */ url)) as typeof BenchPage).runBrowserSuite(p),
    [BENCH_PAGE, plan] as const,
  );
  test.info().annotations.push({ type: 'adapter', description: browser.adapter.label });
  expect(browser.log.filter((l) => l.includes('failed'))).toEqual([]);

  const result: BenchResult = {
    schema: 'adamscope-bench/1',
    date: new Date().toISOString(),
    quick: true,
    adamscopeVersion: 'test',
    adapters: { chromium: browser.adapter },
    rows: browser.rows,
    notes: [],
    complete: true,
  };
  expect(validateResult(result)).toEqual([]);
  const peers = browser.rows.filter((r) => r.workload === 'peer-adam' && r.ratio !== undefined);
  expect(peers.map((r) => r.implementation.split(' ')[0]).sort()).toEqual([
    'adamscope',
    'plain-ts',
    'tfjs-wasm',
    'tfjs-webgpu',
  ]);
  for (const peer of peers)
    expect(peer.check?.ok, `${peer.implementation}: ${JSON.stringify(peer.check)}`).toBe(true);
  const frames = browser.rows.find((r) => r.workload === 'frame-loop');
  expect(frames?.unit).toBe('ms/frame');
  expect(frames?.repeats).toBe(plan.frames.frames);

  // The files, written as `npm run bench` writes them (atomically, through adamscope/node).
  const { writeResult } = await import('../bench/run.ts');
  const out = mkdtempSync(join(tmpdir(), 'adamscope-bench-e2e-'));
  try {
    const [json, md] = await writeResult(out, result);
    expect(validateResult(JSON.parse(readFileSync(json ?? '', 'utf8')))).toEqual([]);
    expect(readFileSync(md ?? '', 'utf8')).toBe(markdownTable(result));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
