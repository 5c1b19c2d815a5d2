import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'adamscope-run-'));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
const small = [
  '--problem',
  'regression2d',
  '--trajectories',
  '64',
  '--steps',
  '60',
  '--record-every',
  '20',
];

interface RunJson {
  config: Record<string, unknown>;
  seed: unknown;
  version: string;
  adapter: { backend: string };
  records: { step: number; t: number; F: Record<string, number>; diverged: number }[];
  final: { xMean: number[]; xVar: number[] };
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as RunJson;

describe('adamscope run', () => {
  it('writes the documented JSON and CSV, and reproduces a run exactly from its seed', () => {
    const runs = ['a', 'b'].map((name) => {
      const out = join(dir, `${name}.json`);
      const csv = join(dir, `${name}.csv`);
      const result = cli(['run', ...small, '--seed', '7', '--out', out, '--csv', csv]);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/F mean/);
      return { json: readJson(out), csv: readFileSync(csv, 'utf8') };
    });
    const [a, b] = runs;
    expect(a?.json.records.map((r) => r.step)).toEqual([0, 20, 40, 60]);
    expect(a?.json.records[1]?.t).toBeCloseTo(20 * 0.01, 12);
    expect(Object.keys(a?.json.records[0]?.F ?? {})).toEqual([
      'mean',
      'std',
      'q05',
      'q25',
      'q50',
      'q75',
      'q95',
    ]);
    expect(a?.json.final.xMean).toHaveLength(2);
    expect(a?.json).toMatchObject({
      seed: 7,
      version: expect.any(String),
      adapter: { backend: 'webgpu' },
    });
    expect(b?.json.records).toEqual(a?.json.records);
    expect(b?.csv).toBe(a?.csv);
    expect(a?.csv.split('\n')[0]).toMatch(/^group,step,t,F_mean,F_std,F_q05/);
  });

  it('runs on the cpu backend with a config file, flags overriding it', () => {
    const config = join(dir, 'run.json');
    writeFileSync(
      config,
      JSON.stringify({ problem: 'quadratic-diag', dim: 3, trajectories: 8, steps: 10, gamma: 0.5 }),
    );
    const out = join(dir, 'cpu.json');
    const result = cli([
      'run',
      '--config',
      config,
      '--gamma',
      '0.05',
      '--backend',
      'cpu',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const json = readJson(out);
    expect(json.config).toMatchObject({ problem: 'quadratic-diag', dim: 3, gamma: 0.05 });
    expect(json.adapter.backend).toBe('cpu');
    expect(json.final.xMean).toHaveLength(3);
  });

  it.each([
    [['--gamma', '-1'], /^invalid --gamma = -1: /m],
    [['--problem', 'nope'], /^invalid --problem = "nope": /m],
    [['--trajectories', '2.5'], /^invalid --trajectories = 2.5: /m],
    [['--x0', '1,2,3'], /^invalid --x0 = 1,2,3: allowed the dimension 2 .*\(x0\.length = 3\)/m],
    [['--p', '1.5'], /^invalid --p = 1.5: /m],
  ])('%j is refused with one line naming the field', (extra, message) => {
    // A flag given twice is an error: the base flags yield to the one under test.
    const base = small.filter((a, i) => a !== extra[0] && small[i - 1] !== extra[0]);
    const result = cli(['run', ...base, ...extra]);
    expect(result.status).toBe(2);
    expect(
      result.stderr
        .trim()
        .split('\n')
        .filter((l) => !l.startsWith('adamscope: no GPU')),
    ).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('names an unknown config-file field', () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ problem: 'quartic', gama: 0.1 }));
    const result = cli(['run', '--config', config]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown field\(s\) "gama"/);
    writeFileSync(config, JSON.stringify({ problem: 'quartic', steps: 0 }));
    const second = cli(['run', '--config', config]);
    expect(second.stderr).toMatch(/^invalid field "steps" in .*bad\.json = 0: /m);
  });
});
