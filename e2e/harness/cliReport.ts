/**
 * Runs `adamscope experiment <name> ... --out DIR` with the built CLI (bin/adamscope.js, after
 * `npm run build:lib`) and returns its report.json: the numbers a page must reproduce.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function experimentReport(name: string, args: string[]): Record<string, unknown> {
  const out = join(mkdtempSync(join(tmpdir(), `adamscope-${name}-`)), 'report');
  const result = spawnSync(
    process.execPath,
    ['bin/adamscope.js', 'experiment', name, ...args, '--quiet', '--out', out],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0)
    throw new Error(`adamscope experiment ${name} failed: ${result.stderr || result.stdout}`);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
}
