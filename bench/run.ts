/**
 * `npm run bench [-- options]`: the benchmark suite in Node (Dawn) and in headless Chromium
 * (Playwright, WebGPU), peers in the same run; writes bench/results/<date>-<adapter>.json and
 * .md and prints the table. `npm run bench -- --help` lists the options.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { VERSION } from 'adamscope';
import { openGpuSession, writeJson, writeText } from 'adamscope/node';
import {
  AGREEMENT_Z,
  fromReport,
  markdownTable,
  validateResult,
  type BenchResult,
  type BenchRow,
  type Environment,
} from './lib/core.ts';
import { WORKLOADS, makePlan, runSuite, type Plan, type WorkloadId } from './lib/suite.ts';
import { GENERATORS, type GeneratorName } from './lib/workloads.ts';
import type { Browser } from '@playwright/test';
import { COMMON_FLAGS, SWIFTSHADER_FLAGS, SYSTEM_CHROMIUM } from '../e2e/harness/chromium.ts';
import type * as BenchPage from './page.ts';
import type { BrowserSuiteResult } from './page.ts';

const ROOT = resolve(import.meta.dirname, '..');

const HELP = `npm run bench -- [options]
  --quick                 small sizes (under two minutes on a 2-core machine with SwiftShader)
  --only <ids>            comma-separated workloads: ${WORKLOADS.join(', ')}
  --env <envs>            node,chromium (default both)
  --peer-n <N>            trajectories of the peer comparison (default 16384, quick 1024)
  --peers <names>         plain-ts,cpu,cpu-workers,tfjs-webgpu,tfjs-wasm (default all)
  --diag-n <N,...>        N sweep of adam-diag at d = 100
  --rng <names>           generators of the random workload: ${GENERATORS.join(', ')}
  --swiftshader           force SwiftShader in Chromium (default: only without a hardware adapter;
                          ADAMSCOPE_E2E_GPU=hardware never uses it)
  --out <dir>             results folder (default bench/results)
  --no-write              print only`;

function parse(argv: string[]): {
  plan: Plan;
  envs: Environment[];
  out: string | undefined;
  swiftshader: boolean;
} {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      env: { type: 'string', default: 'node,chromium' },
      'peer-n': { type: 'string' },
      peers: { type: 'string' },
      'diag-n': { type: 'string' },
      rng: { type: 'string' },
      swiftshader: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'bench', 'results') },
      'no-write': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const plan = makePlan(values.quick);
  const list = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (values.only) {
    const ids = list(values.only);
    const unknown = ids.filter((id) => !(WORKLOADS as readonly string[]).includes(id));
    if (unknown.length)
      throw new Error(
        `--only: unknown workload(s) ${unknown.join(', ')} (${WORKLOADS.join(', ')})`,
      );
    plan.workloads = ids as WorkloadId[];
    delete plan.browserWorkloads;
  }
  if (values['peer-n']) plan.peer.trajectories = Number(values['peer-n']);
  if (values.peers) plan.peers = list(values.peers);
  if (values['diag-n'] && plan.diag[0])
    plan.diag[0].trajectories = list(values['diag-n']).map(Number);
  if (values.rng) {
    const names = list(values.rng);
    const bad = names.filter((n) => !(GENERATORS as readonly string[]).includes(n));
    if (bad.length)
      throw new Error(`--rng: ${bad.join(', ')} is not one of ${GENERATORS.join(', ')}`);
    plan.random.generators = names as GeneratorName[];
  }
  const envs = list(values.env) as Environment[];
  for (const e of envs)
    if (e !== 'node' && e !== 'chromium') throw new Error(`--env: ${e} (node, chromium)`);
  return {
    plan,
    envs,
    out: values['no-write'] ? undefined : values.out,
    swiftshader: values.swiftshader,
  };
}

/** Runs the browser half: a Vite dev server on the repository, Chromium through Playwright. */
export async function runChromium(
  plan: Plan,
  options: {
    swiftshader: boolean;
    log: (line: string) => void;
    onRow?: (row: BenchRow) => void;
  },
): Promise<BrowserSuiteResult> {
  const { createServer } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const server = await createServer({
    configFile: join(ROOT, 'vite.config.ts'),
    // No file watching: an edit during a run must not reload the page mid-measurement.
    server: { port: 0, host: '127.0.0.1', strictPort: false, hmr: false, watch: null },
    logLevel: 'error',
  });
  await server.listen();
  const address = server.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const hardware = process.env['ADAMSCOPE_E2E_GPU'] === 'hardware';
  const launch = async (software: boolean) =>
    chromium.launch({
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: software ? [...SWIFTSHADER_FLAGS, ...COMMON_FLAGS] : [...COMMON_FLAGS],
    });
  // SwiftShader only when asked, or when Chromium finds no hardware adapter.
  let software = options.swiftshader && !hardware;
  let browser = await launch(software);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const probe = async () => {
      await page.goto(`http://127.0.0.1:${port}/index.html`);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
      return page.evaluate(async () => {
        const adapter = await navigator.gpu?.requestAdapter();
        if (!adapter) return 'none';
        const info = adapter.info;
        const text = `${info.vendor} ${info.architecture} ${info.description}`;
        return /swiftshader|llvmpipe|lavapipe|warp|software/i.test(text) ? 'software' : 'hardware';
      });
    };
    // Without a hardware adapter Chromium may fall back to SwiftShader by itself, but
    // presenting a WebGPU canvas (the frame loop) then needs the SwiftShader flags too.
    if (!software && !hardware && (await probe()) !== 'hardware') {
      options.log('chromium: no hardware WebGPU adapter; relaunching with the SwiftShader flags');
      await browser.close();
      software = true;
      browser = await launch(true);
      return await runIn(browser, port, plan, options.log, options.onRow);
    }
    await page.close();
    return await runIn(browser, port, plan, options.log, options.onRow);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function runIn(
  browser: Browser,
  port: number,
  plan: Plan,
  log: (line: string) => void,
  onRow: (row: BenchRow) => void = () => {},
): Promise<BrowserSuiteResult> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.exposeFunction('adamscopeBenchRow', onRow);
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[bench] ')) log(text.slice(8));
    else if (message.type() === 'error' || message.type() === 'warning')
      log(`page ${message.type()}: ${text}`);
  });
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
  const url = `/@fs${join(ROOT, 'bench', 'page.ts')}`;
  return page.evaluate(
    async ([moduleUrl, p]) =>
      ((await import(/* @vite-ignore */ moduleUrl)) as typeof BenchPage).runBrowserSuite(p),
    [url, plan] as const,
  );
}

/** Runs the Node half on Dawn. */
export async function runNode(
  plan: Plan,
  log: (line: string) => void,
  onRow: (row: BenchRow) => void = () => {},
) {
  const session = await openGpuSession();
  try {
    for (const notice of session.notices) log(notice);
    const rows = await runSuite(
      session,
      'node',
      { ...plan, workloads: plan.workloads.filter((w) => w !== 'frame-loop') },
      { progress: log, onRow, cores: availableParallelism() },
    );
    const features = session.adapter.features;
    return {
      adapter: {
        ...fromReport(session.adapter),
        features,
        timestampQuery: features.includes('timestamp-query'),
      },
      rows,
    };
  } finally {
    session.destroy();
  }
}

/** File stem of a result: <date>-<adapter>. */
export function resultStem(result: BenchResult): string {
  const a = result.adapters.chromium ?? result.adapters.node;
  const adapter = (a ? `${a.vendor}-${a.architecture}` : 'cpu')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${result.date.slice(0, 10)}-${adapter || 'unknown'}${result.quick ? '-quick' : ''}`;
}

/** Writes the JSON and Markdown files of a result (atomically); returns their paths. */
export async function writeResult(out: string, result: BenchResult): Promise<string[]> {
  const stem = join(out, resultStem(result));
  await writeJson(`${stem}.json`, result, '--out');
  await writeText(`${stem}.md`, markdownTable(result), '--out');
  return [`${stem}.json`, `${stem}.md`];
}

/** An empty result of `plan` (rows and adapters come from the environments). */
export function newResult(plan: Plan): BenchResult {
  return {
    schema: 'adamscope-bench/1',
    date: new Date().toISOString(),
    quick: plan.quick,
    adamscopeVersion: VERSION,
    adapters: {},
    rows: [],
    complete: false,
    notes: [
      'Rates are medians over the repeats (min – max beside them); setup (pipeline creation, warm-up) is excluded from rates and reported apart.',
      `Peers run the same workload and step count (ADAM, quadratic-diag d=${plan.peer.dimension}, λ log-spaced in [0.01, 1], σ=1, γ=1e-3, α=0.9, β=0.999, ε=1e-8, N=${plan.peer.trajectories}, ${plan.peer.warmSteps} + ${plan.peer.repeats}×${plan.peer.steps} steps); "check": final mean F against adamscope webgpu in the same environment, |Δ| ≤ ${AGREEMENT_Z}·sqrt(var_a/N + var_b/N) (z = ${AGREEMENT_Z}: a false alarm has probability ~6e-7 per check).`,
    ],
  };
}

async function main(): Promise<void> {
  const { plan, envs, out, swiftshader } = parse(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) =>
    console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`);
  const result = newResult(plan);
  // Rows are saved as they come (atomic rewrites of both files), and an interrupted run writes
  // what it measured: a long full run never ends with nothing, nor with a half-written file.
  let saving: Promise<unknown> = Promise.resolve();
  const save = () => {
    if (out) saving = saving.then(() => writeResult(out, result)).catch(() => {});
    return saving;
  };
  const onRow = (row: BenchRow) => {
    result.rows.push(row);
    log(
      `${row.environment}: ${row.workload} ${row.implementation}: ${row.median.toPrecision(3)} ${row.unit}`,
    );
    void save();
  };
  const keepOnly = (env: Environment, rows: BenchRow[]) => {
    result.rows = [...result.rows.filter((r) => r.environment !== env), ...rows];
  };
  process.once('SIGINT', () => {
    log(`interrupted: writing the ${result.rows.length} rows measured so far`);
    result.notes.push(`Interrupted by SIGINT after ${result.rows.length} rows.`);
    // Then the signal's default action (the shell's status 130), as the CLI does: process.exit
    // during an in-flight Dawn dispatch can crash the process (status 139).
    void save().then(() => process.kill(process.pid, 'SIGINT'));
  });
  if (envs.includes('node')) {
    const node = await runNode(plan, log, onRow);
    result.adapters.node = node.adapter;
    keepOnly('node', node.rows);
  }
  if (envs.includes('chromium')) {
    try {
      const browserPlan = plan.browserWorkloads
        ? {
            ...plan,
            workloads: plan.browserWorkloads,
            diag: plan.diag.filter((d) => d.dimension === 100),
          }
        : plan;
      const browser = await runChromium(browserPlan, { swiftshader, log, onRow });
      result.adapters.chromium = browser.adapter;
      keepOnly('chromium', browser.rows);
    } catch (error) {
      // Keep the Node rows: the file says what failed.
      log(`chromium failed: ${String(error)}`);
      result.notes.push(`The Chromium half failed: ${String(error).split('\n')[0]}`);
      process.exitCode = 1;
    }
  }
  result.complete = true;
  await saving;
  const problems = validateResult(result);
  if (problems.length) log(`result problems: ${problems.join('; ')}`);
  const table = markdownTable(result);
  console.log(table);
  if (out) for (const path of await writeResult(out, result)) log(`wrote ${path}`);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (result.rows.some((r) => r.check && !r.check.ok)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
