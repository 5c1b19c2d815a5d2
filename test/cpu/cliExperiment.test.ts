import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('adamscope experiment', () => {
  it('lists the nine experiments of the theorem lab', () => {
    const result = cli(['experiment', 'list']);
    expect(result.status).toBe(0);
    for (const name of [
      'weak-convergence',
      'ergodic',
      'lyapunov',
      'debiasing',
      'autonomous-vs-debiased',
      'rates',
      'decreasing-step',
      'saddle',
      'reddi',
    ]) {
      expect(result.stdout).toContain(name);
    }
  });

  it('writes report.json, report.md and SVG plots into --out (cpu backend, small size)', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'adamscope-exp-')), 'reddi');
    const result = cli([
      'experiment',
      'reddi',
      '--backend',
      'cpu',
      '--trajectories',
      '16',
      '--T',
      '2',
      '--seed',
      '3',
      '--out',
      dir,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(report).toMatchObject({ experiment: 'reddi', seed: 3, version: expect.any(String) });
    expect(report['config']).toMatchObject({ trajectories: 16, T: 2 });
    expect((report['adapter'] as { backend: string }).backend).toBe('cpu');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# .*\n[\s\S]*\| --- \|/);
    const figures = report['figures'] as string[];
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      expect(existsSync(join(dir, figure))).toBe(true);
      expect(readFileSync(join(dir, figure), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
  });

  it.each([
    [['experiment', 'nope'], /unknown experiment "nope"; allowed: weak-convergence/],
    [['experiment', 'reddi', '--dim', '3'], /option --dim does not apply; allowed: /],
    [['experiment', 'reddi', '--trajectories', '0'], /^invalid --trajectories = 0: /m],
  ])('%j exits 2 with one line naming the problem', (args, message) => {
    const result = cli([...args, '--backend', 'cpu']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
