/**
 * The CLI's numbers for the pages' tests: `adamscope experiment`, `run` and `draw` run with
 * the built CLI (bin/adamscope.js, after `npm run build:lib`), their output read back.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `adamscope <words> --out PATH` (PATH: `outName` in a fresh temporary folder) and returns
 * PATH; throws with the CLI's message when it fails.
 */
function runCli(words: string[], outName: string): string {
  const out = join(mkdtempSync(join(tmpdir(), `adamscope-${words[0] ?? 'cli'}-`)), outName);
  const result = spawnSync(process.execPath, ['bin/adamscope.js', ...words, '--out', out], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0)
    throw new Error(`adamscope ${words.join(' ')} failed: ${result.stderr || result.stdout}`);
  return out;
}

/** `adamscope experiment <name> ...`'s report.json: the numbers a page must reproduce. */
export function experimentReport(name: string, args: string[]): Record<string, unknown> {
  return experimentOutput(name, args).report;
}

/** `experimentReport` with the run's report.md (the Markdown the theorem lab renders). */
export function experimentOutput(
  name: string,
  args: string[],
): { report: Record<string, unknown>; markdown: string } {
  const out = runCli(['experiment', name, ...args, '--quiet'], 'report');
  return {
    report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Record<string, unknown>,
    markdown: readFileSync(join(out, 'report.md'), 'utf8'),
  };
}

/** One record of `adamscope run`'s JSON: F's statistics over a group's live trajectories. */
export interface RunRecord {
  group: number;
  step: number;
  F: { mean: number; q05: number; q50: number; q95: number };
  diverged: number;
  count: number;
}

/**
 * Runs `adamscope run ...args --out FILE` with the built CLI and returns its last record (the
 * final step of the run).
 */
export function lastRunRecord(args: string[]): RunRecord {
  const out = runCli(['run', ...args, '--quiet'], 'run.json');
  const records = (JSON.parse(readFileSync(out, 'utf8')) as { records: RunRecord[] }).records;
  const last = records.at(-1);
  if (!last) throw new Error(`adamscope run ${args.join(' ')}: no records`);
  return last;
}

/** One law of `adamscope draw`'s JSON. */
export interface DrawSummary {
  distribution: string;
  n: number;
  mean: number;
  variance: number;
  distance: { name: string; value: number; critical: number };
}

/** Runs `adamscope draw ...args --out FILE` with the built CLI and returns its draws. */
export function drawSummaries(args: string[]): DrawSummary[] {
  const out = runCli(['draw', ...args], 'draw.json');
  return (JSON.parse(readFileSync(out, 'utf8')) as { draws: DrawSummary[] }).draws;
}

/**
 * Relative tolerance between a number of a page on the cpu backend and the CLI's on the cpu
 * backend. Both run the same float64 TypeScript, but in two builds of V8 (Chromium's and
 * Node's), whose Math.log, cos, sin and pow differ in the last bit for a few per cent of
 * arguments (measured, Chromium 156 against Node 22 on 2,000 arguments each: log 6.8 %, cos
 * 2.9 %, sin 3.1 %, and 12 of the 100 eigenvalues 2^x of quadratic-diag). Most comparisons
 * come out equal; an ulp in a draw stays at the ulp scale through these short runs (measured:
 * 1 ulp in dimension-100's median), and 10⁻¹² is 10⁴ ulps.
 */
export const ENGINES_RTOL = 1e-12;

/** |shown − expected| within ENGINES_RTOL of |expected|. */
export function withinEngines(shown: number, expected: number): boolean {
  return Math.abs(shown - expected) <= ENGINES_RTOL * Math.abs(expected);
}
