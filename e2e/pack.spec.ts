import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasPixels } from './harness/checks.ts';
import { readmeBlocks } from './harness/readmeBlocks.ts';
import { serveStatic } from './harness/staticServer.ts';

/**
 * The package as a user gets it: `npm pack`, install the tarball into an empty project, and
 * there run the README's examples — the Node ones as plain `.mjs`, the CLI lines through
 * `npx adamscope`, the browser one as the main module of a plain Vite app, and the embed
 * snippet as a static HTML page with only the script tag and the element.
 */
const REPO = join(import.meta.dirname, '..');
const blocks = readmeBlocks();
const repoPackage = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

let project = '';
let tarball = '';

function run(command: string, args: string[], cwd: string, timeout = 180_000) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${output}`);
  }
  return output;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // `npm test` builds dist/ first (pretest); build it here when this file runs alone.
  if (!existsSync(join(REPO, 'dist/index.js')) || !existsSync(join(REPO, 'dist/embed'))) {
    run('npm', ['run', 'build:lib'], REPO, 300_000);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'adamscope-pack-'));
  const packed = JSON.parse(
    run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], REPO),
  ) as { filename: string; files: { path: string }[] }[];
  const info = packed[0];
  if (!info) throw new Error('npm pack printed nothing');
  tarball = join(scratch, info.filename);
  writeFileSync(join(scratch, 'files.json'), JSON.stringify(info.files.map((f) => f.path)));
  project = join(scratch, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
  );
  // The consumer gets adamscope's dependencies from the registry (or npm's cache), and Vite
  // for the browser app; nothing comes from this repository's node_modules.
  run(
    'npm',
    [
      'install',
      tarball,
      `vite@${repoPackage.devDependencies['vite'] ?? 'latest'}`,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ],
    project,
    400_000,
  );
});

test.afterAll(() => {
  if (project) rmSync(join(project, '..'), { recursive: true, force: true });
});

test('the tarball ships dist, bin, docs, data, README and LICENSE only', () => {
  const files = JSON.parse(readFileSync(join(project, '..', 'files.json'), 'utf8')) as string[];
  const tops = new Set(files.map((f) => f.split('/')[0]));
  expect([...tops].sort()).toEqual(
    ['LICENSE', 'README.md', 'bin', 'data', 'dist', 'docs', 'package.json'].sort(),
  );
  // The UCI digits (CC BY 4.0) travel with their licence (docs/network.md).
  expect(files).toContain('data/digits/optdigits.csv');
  expect(files.some((f) => /^data\/digits\/LICEN[CS]E/.test(f))).toBe(true);
  expect(files).toContain('dist/index.js');
  expect(files).toContain('dist/index.d.ts');
  expect(files).toContain('dist/embed/adamscope-embed.js');
  expect(files.some((f) => f.startsWith('dist/demos/'))).toBe(false);
});

test('the README Node examples run as plain .mjs against the installed package', () => {
  test.setTimeout(300_000);
  const node = blocks.filter((b) => b.kind === 'node');
  expect(node.length).toBeGreaterThan(0);
  for (const block of node) {
    const file = join(project, `readme-line-${block.line}.mjs`);
    writeFileSync(file, block.code);
    const output = run(process.execPath, [file], project, 240_000);
    expect(output, `README line ${block.line}`).not.toMatch(/NaN|undefined/);
  }
  expect(existsSync(join(project, 'normal.svg'))).toBe(true);
});

test('the README CLI lines run through npx adamscope', () => {
  test.setTimeout(400_000);
  for (const block of blocks.filter((b) => b.kind === 'cli')) {
    const commands = block.code
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line.startsWith('npx adamscope'));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) {
      const args = command.split(/\s+/).slice(2);
      const output = run(join(project, 'node_modules/.bin/adamscope'), args, project, 240_000);
      expect(output.length, command).toBeGreaterThan(0);
    }
  }
  expect(JSON.parse(readFileSync(join(project, 'run.json'), 'utf8'))).toHaveProperty('records');
});

test('the README browser example runs in a plain Vite app', async ({ page }) => {
  test.setTimeout(300_000);
  const [block] = blocks.filter((b) => b.kind === 'browser');
  if (!block) throw new Error('no browser block in the README');
  const app = join(project, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'main.js'), block.code);
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html><body><script type="module" src="./main.js"></script></body></html>\n',
  );
  execFileSync(
    join(project, 'node_modules/.bin/vite'),
    ['build', '--base', './', '--logLevel', 'warn'],
    {
      cwd: app,
      timeout: 180_000,
    },
  );
  const server = await serveStatic(join(app, 'dist'));
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/index.html`);
    await expect(page.locator('#result')).toHaveText(
      /^webgpu: median F \d+\.\d{4}; cpu: \d+\.\d{4}$/,
      {
        timeout: 120_000,
      },
    );
  } finally {
    await server.close();
  }
  expect(errors).toEqual([]);
});

test('the README embed snippet draws a live figure from a static page', async ({ page }) => {
  test.setTimeout(300_000);
  const [block] = blocks.filter((b) => b.kind === 'embed');
  if (!block) throw new Error('no embed block in the README');
  const html = block.code.replace(
    /https:\/\/your\.host\/adamscope\/embed\//,
    '/node_modules/adamscope/dist/embed/',
  );
  mkdirSync(join(project, 'article'), { recursive: true });
  writeFileSync(
    join(project, 'article', 'index.html'),
    `<!doctype html><html><head><meta name="viewport" content="width=device-width"></head><body><main style="max-width: 700px; margin: 0 auto"><p style="height: 1200px">An article.</p>${html}</main></body></html>\n`,
  );
  const server = await serveStatic(project);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/article/index.html`);
    const figure = page.locator('adamscope-figure');
    await expect(figure).toHaveAttribute('data-state', 'poster');
    await figure.scrollIntoViewIfNeeded();
    await expect(figure).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    const canvas = page.locator('adamscope-figure >> canvas').first();
    expect((await canvasPixels(canvas, { size: 64 })).colours).toBeGreaterThan(2);
    const width = await figure.evaluate((e) => e.getBoundingClientRect().width);
    expect(width).toBeCloseTo(700, 0);
  } finally {
    await server.close();
  }
  expect(errors).toEqual([]);
});
