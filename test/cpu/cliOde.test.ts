import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'adamscope-ode-'));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', ...args], {
    encoding: 'utf8',
    timeout: 180_000,
  });
const STAT_KEYS = ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'];

interface OdeJson {
  config: Record<string, unknown>;
  adapter: { backend: string };
  version: string;
  trajectories: number;
  times: number[];
  F: unknown[];
  V: unknown[];
  mNorm: unknown[];
  vGap: unknown[];
  dist: unknown[];
  x?: number[][];
  m?: number[][];
  v?: number[][];
  steps: {
    accepted?: number[];
    rejected?: number[];
    summary: { accepted: Record<string, number>; rejected: Record<string, number> };
  };
  status: Record<string, number>;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as OdeJson;

describe('adamscope ode', () => {
  it('one initial point on webgpu: F, V, ‖m‖, ‖v - S‖, dist and x, m, v per time; CSV', () => {
    const out = join(dir, 'point.json');
    const csv = join(dir, 'point.csv');
    const r = cli([
      'ode',
      ...['--problem', 'regression2d', '--x0', '0,0', '--T', '2', '--times', '0,0.5,1,2'],
      ...['--a', '2', '--b', '1', '--eps', '1e-3', '--out', out, '--csv', csv],
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/‖v - S‖/);
    const json = readJson(out);
    expect(json).toMatchObject({ adapter: { backend: 'webgpu' }, trajectories: 1 });
    expect(json.version).toEqual(expect.any(String));
    expect(json.times).toEqual([0, 0.5, 1, 2]);
    for (const field of ['F', 'V', 'mNorm', 'vGap', 'dist'] as const) {
      expect(json[field]).toHaveLength(4);
      expect(typeof json[field][0]).toBe('number');
    }
    // V(0+) = F(x0) and V is non-increasing for b ≤ 4a (docs/math.md section 4).
    expect(json.V[0]).toBeCloseTo(json.F[0] as number, 5);
    expect(json.V[3] as number).toBeLessThan(json.V[0] as number);
    expect(json.x?.[0]).toEqual([0, 0]);
    expect(json.m).toHaveLength(4);
    expect(json.v?.[3]).toHaveLength(2);
    expect(json.steps.accepted).toHaveLength(1);
    expect(json.status).toEqual({ done: 1 });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t,F,V,mNorm,vGap,dist,x_0,x_1');
    expect(lines).toHaveLength(5);
  });

  it('a cloud on the cpu backend from a config file, flags overriding it: statistics per time', () => {
    const config = join(dir, 'ode.json');
    writeFileSync(
      config,
      JSON.stringify({ problem: 'double-well', ode: 'heavy-ball', x0: [0.2, 0.5], T: 5 }),
    );
    const out = join(dir, 'cloud.json');
    const r = cli([
      'ode',
      ...['--config', config, '--T', '1', '--x0-cloud', '16', '--spread', '0.3'],
      ...['--method', 'rk4', '--dt', '0.05', '--times', '0,1', '--backend', 'cpu', '--out', out],
    ]);
    expect(r.status, r.stderr).toBe(0);
    const json = readJson(out);
    expect(json.trajectories).toBe(16);
    expect(json.times).toEqual([0, 1]);
    expect(json.config).toMatchObject({ ode: 'heavy-ball', T: 1 });
    expect(Object.keys(json.F[1] as object)).toEqual(STAT_KEYS);
    expect((json.dist[1] as Record<string, number>)['q95']).toBeGreaterThan(0);
    // heavy-ball has no v: its vGap statistics are null (NaN).
    expect((json.vGap[1] as Record<string, unknown>)['mean']).toBeNull();
    expect(json.x).toBeUndefined();
    expect(json.steps.accepted).toEqual(new Array(16).fill(20));
    expect(json.steps.summary.accepted).toMatchObject({ mean: 20, min: 20, max: 20 });
    expect(r.stdout).toMatch(/F median/);
  });

  it.each([
    [['--a', '-1'], '--a = -1'],
    [['--b', '0'], '--b = 0'],
    [['--eps', '0'], '--eps = 0'],
    [['--T', '0'], '--T = 0'],
    [['--rtol', '-1e-6'], '--rtol = -1e-6'],
    [['--atol', '0'], '--atol = 0'],
    [['--method', 'rk4', '--dt', '0'], '--dt = 0'],
    [['--method', 'rk4', '--dt', '0.001', '--max-steps', '100'], '--dt = 0.001'],
    [['--times', '0,20'], '--times = 0,20'],
    [['--x0', '1,2,3'], '--x0 = 1,2,3'],
  ])('bad input %j exits 2 naming the flag, value and range', (args, named) => {
    const r = cli(['ode', '--problem', 'regression2d', '--backend', 'cpu', ...args]);
    expect(r.status, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`invalid ${named}`);
    expect(lines[0]).toMatch(/allowed|expected/);
  });

  it('b > 4a warns on stderr that the Lyapunov guarantee no longer holds', () => {
    const r = cli([
      'ode',
      ...['--problem', 'regression2d', '--a', '1', '--b', '5', '--T', '0.5', '--times', '0.5'],
      '--backend',
      'cpu',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: b = 5 > 4a = 4.*Lyapunov/);
  });
});

describe('adamscope bench ode --quick (smoke test: the table format, never a timing)', () => {
  it('prints one row per workload, method and backend, headed by the adapter', () => {
    const r = cli(['bench', 'ode', '--quick']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^adamscope bench ode — adapter: /);
    expect(lines[1]).toMatch(/^workload\s+backend\s+throughput\s+seconds$/);
    const rows = lines.slice(3);
    expect(rows).toHaveLength(8);
    for (const method of ['rk4', 'dopri5']) {
      for (const problem of ['regression2d', 'quadratic-diag d=100']) {
        expect(rows.some((row) => row.startsWith(`${method} ${problem}, N=64 `))).toBe(true);
        expect(
          rows.some((row) => row.startsWith(`${method} ${problem}, N=`) && /webgpu\/cpu/.test(row)),
        ).toBe(true);
      }
    }
    for (const row of rows) expect(row).toMatch(/(webgpu|cpu)\s+\S+ \S*trajectory-steps\/s\s+\d/);
  });
});
