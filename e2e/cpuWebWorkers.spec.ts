import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEV_BASE_URL } from './harness/servers.ts';
import type { EnsembleConfig } from '../src/ensemble/config.ts';
import type * as CpuEnsembleModule from '../src/ensemble/cpuEnsemble.ts';
import { serveStatic } from './harness/staticServer.ts';

// Imports sources under /@fs: the dev server (harness/servers.ts).
test.use({ baseURL: DEV_BASE_URL });

/**
 * The `cpu` backend on Web Workers in the browser (src/ensemble/cpuWebWorkers.ts): with
 * workers it gives the single-thread state bit for bit, and the page keeps running while the
 * workers advance. Once from the sources on the Vite dev server (as the gallery uses it), once
 * from the built dist/ bundled by Vite into a plain app (as a user of `adamscope` gets it).
 * Tiny sizes: a few seconds on SwiftShader's loaded machine.
 */

const REPO = resolve(import.meta.dirname, '..');
const CPU_ENSEMBLE = `/@fs${join(REPO, 'src', 'ensemble', 'cpuEnsemble.ts')}`;

/** A config small enough for seconds, with a γ group that diverges (frozen states travel too). */
const CONFIG: EnsembleConfig = {
  problem: { name: 'quadratic-diag', dimension: 100, lambdaMin: 0.01, lambdaMax: 1, sigma: 1 },
  optimizer: { name: 'adam', gamma: 0.001 },
  hyperGrid: [{ gamma: 0.001 }, { gamma: 0.01 }, { gamma: 0.1 }],
  trajectories: 96,
  seed: 7,
  x0: 1,
  initialSpread: 0.2,
};

/** Counts the Worker objects a page creates (installed before any script of the page). */
async function countWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.Worker;
    const started: string[] = [];
    (window as unknown as { __workers: string[] }).__workers = started;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
  });
}

test('from the sources: 3 Web Workers give the single-thread state bit for bit, and the page never blocks', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await countWorkers(page);
  await page.goto('/index.html');
  const result = await page.evaluate(
    async ({ url, config }) => {
      const { CpuEnsemble } = (await import(/* @vite-ignore */ url)) as typeof CpuEnsembleModule;
      const final = async (workers: number) => {
        const ensemble = CpuEnsemble.create({ ...config, workers });
        const used = await ensemble.workers();
        // A heartbeat on the page's thread while the ensemble advances: the longest gap
        // between two timer callbacks is how long the page was blocked.
        let longest = 0;
        let running = true;
        let last = performance.now();
        const beat = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          if (running) setTimeout(beat, 0);
        };
        setTimeout(beat, 0);
        const started = performance.now();
        await ensemble.advance(300);
        await ensemble.advance(200);
        const seconds = (performance.now() - started) / 1000;
        running = false;
        const state = await ensemble.exportState();
        ensemble.destroy();
        const plain = (a: ArrayLike<number>) => Array.from(a);
        return {
          used,
          seconds,
          longest,
          state: {
            x: plain(state.x),
            m: plain(state.m),
            v: plain(state.v),
            bias: plain(state.bias),
            diverged: plain(state.diverged),
          },
        };
      };
      const single = await final(1);
      const workers = await final(3);
      return { single, workers };
    },
    { url: CPU_ENSEMBLE, config: CONFIG },
  );
  expect(result.single.used).toBe(1);
  expect(result.workers.used).toBe(3);
  const started = await page.evaluate(
    () => (window as unknown as { __workers: string[] }).__workers,
  );
  expect(started).toHaveLength(3);
  expect(started[0]).toContain('cpuWebWorker');
  // Bit for bit: the same float64 values (toEqual compares numbers with Object.is).
  expect(result.workers.state).toEqual(result.single.state);
  expect(result.single.state.x.every(Number.isFinite)).toBe(true);
  // The page kept running: no gap between two timer callbacks longer than 500 ms while the
  // workers advanced (seconds): they leave the page's thread idle. On an idle machine the gap
  // is a few ms; the bound leaves room for two cores shared with other jobs. The single
  // thread's gap is printed only (it yields after 100 ms of work plus at most a slice of
  // 2^18 coordinate-updates, so it depends on the machine's load: 0.2–0.5 s here at load 20).
  console.log(
    `single thread ${result.single.seconds.toFixed(2)} s (longest gap ${result.single.longest.toFixed(0)} ms); ` +
      `3 workers ${result.workers.seconds.toFixed(2)} s (longest gap ${result.workers.longest.toFixed(0)} ms)`,
  );
  expect(result.workers.longest).toBeLessThan(500);
});

test('from the built dist: a plain Vite app bundles the worker, and workers give the single-thread run', async ({
  page,
}) => {
  // The Vite build of the app takes 1–3 minutes on the two loaded cores.
  test.setTimeout(600_000);
  if (!existsSync(join(REPO, 'dist', 'ensemble', 'cpuWebWorker.js'))) {
    execFileSync('npm', ['run', 'build:lib'], { cwd: REPO, timeout: 300_000 });
  }
  // An app inside the repository (so that adamscope's dependencies resolve from its
  // node_modules) whose node_modules/adamscope is the package root: imports go through the
  // package's `exports` to dist/, as for a user.
  const app = join(REPO, 'test-results', 'cpu-web-workers-app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  symlinkSync(REPO, join(app, 'node_modules', 'adamscope'), 'dir');
  writeFileSync(
    join(app, 'main.js'),
    `import { CpuBackend, runEnsemble } from 'adamscope';
const config = ${JSON.stringify(CONFIG)};
const run = (workers) => runEnsemble({ ...config, workers, recordEvery: 100 }, 200, new CpuBackend());
const [single, parallel] = [await run(1), await run(2)];
const same = JSON.stringify(single.final) === JSON.stringify(parallel.final) &&
  JSON.stringify(single.records) === JSON.stringify(parallel.records);
document.querySelector('#result').textContent = same ? 'same' : 'different';
`,
  );
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html><body><p id="result"></p><script type="module" src="./main.js"></script></body></html>\n',
  );
  execFileSync(
    join(REPO, 'node_modules', '.bin', 'vite'),
    ['build', '--base', './', '--logLevel', 'warn'],
    { cwd: app, timeout: 360_000 },
  );
  const assets = readdirSync(join(app, 'dist', 'assets'));
  expect(assets.some((name) => name.startsWith('cpuWebWorker'))).toBe(true);
  await countWorkers(page);
  const server = await serveStatic(join(app, 'dist'));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/index.html`);
    await expect(page.locator('#result')).toHaveText('same', { timeout: 120_000 });
    const started = await page.evaluate(
      () => (window as unknown as { __workers: string[] }).__workers,
    );
    expect(started).toHaveLength(2);
  } finally {
    await server.close();
  }
  expect(errors).toEqual([]);
});
