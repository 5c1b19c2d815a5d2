import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/harness.ts';

/**
 * `adamscope run --workers N` (worker threads of the cpu backend: the same numbers as one
 * thread) and `adamscope experiment … --rng philox|threefry` (the generator of the experiment's
 * ensembles, as `run --rng`), with their bad input. In-process, cpu backend, tiny sizes.
 */
const dir = mkdtempSync(join(tmpdir(), 'adamscope-workers-rng-'));
const small = (...extra: string[]) => [
  'run',
  '--backend',
  'cpu',
  '--problem',
  'quadratic-diag',
  '--dim',
  '8',
  '--gammas',
  '0.01,0.1',
  '--trajectories',
  '24',
  '--steps',
  '30',
  '--record-every',
  '10',
  '--seed',
  '4',
  ...extra,
];
const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as {
    config: Record<string, unknown>;
    records: unknown;
    final: unknown;
  };

describe('adamscope run --workers', () => {
  it('1, 3 and auto workers write the same records and final state', async () => {
    const runs = await Promise.all(
      ['1', '3', 'auto'].map(async (workers) => {
        const out = join(dir, `run-${workers}.json`);
        const r = await runCli(small('--workers', workers, '--out', out));
        expect(r.status, r.stderr).toBe(0);
        return readJson(out);
      }),
    );
    const [one, three, auto] = runs;
    expect(three?.config['workers']).toBe(3);
    expect(auto?.config['workers']).toBe('auto');
    expect(three?.final).toEqual(one?.final);
    expect(three?.records).toEqual(one?.records);
    expect(auto?.final).toEqual(one?.final);
  }, 120_000);

  it.each([
    ['0', /invalid --workers = 0: allowed an integer in \[1, 64\], or "auto"/],
    ['65', /--workers.*65/],
    ['2.5', /--workers.*2\.5/],
    ['many', /--workers.*many/],
  ])('refuses --workers %s with exit 2, naming the flag and the rule', async (value, message) => {
    const r = await runCli(small('--workers', value), {
      openBackend: () => Promise.reject(new Error('BACKEND OPENED')),
    });
    expect(r.status).toBe(2);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(message);
    expect(r.backendOpened).toBe(false);
  });

  it('refuses --workers with --backend webgpu (they are the cpu backend threads)', async () => {
    const r = await runCli(
      small('--workers', '2').map((a) => (a === 'cpu' ? 'webgpu' : a)),
      { openBackend: () => Promise.reject(new Error('BACKEND OPENED')) },
    );
    expect(r.status).toBe(2);
    expect(r.errors[0]).toMatch(/--workers.*only with --backend cpu/);
  });
});

describe('adamscope experiment --rng', () => {
  const reddi = (out: string, ...extra: string[]) => [
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
    join(dir, out),
    ...extra,
  ];
  const report = (out: string) =>
    JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8')) as {
      config: Record<string, unknown>;
      groups: unknown;
    };

  it('runs the experiment with either generator, records it, and the draws differ', async () => {
    for (const [out, extra] of [
      ['default', []],
      ['philox', ['--rng', 'philox']],
      ['threefry', ['--rng', 'threefry']],
    ] as const) {
      const r = await runCli(reddi(out, ...extra));
      expect(r.status, r.stderr).toBe(0);
    }
    expect(report('threefry').config['rng']).toBe('threefry');
    expect(report('philox').config['rng']).toBe('philox');
    expect(report('default').groups).toEqual(report('philox').groups);
    expect(report('threefry').groups).not.toEqual(report('philox').groups);
  }, 180_000);

  it('refuses an unknown generator with exit 2 before opening a backend', async () => {
    const r = await runCli(reddi('bad', '--rng', 'mersenne'), {
      openBackend: () => Promise.reject(new Error('BACKEND OPENED')),
    });
    expect(r.status).toBe(2);
    expect(r.errors[0]).toMatch(/invalid --rng = "mersenne": allowed one of philox\|threefry/);
    expect(r.backendOpened).toBe(false);
  });

  it('refuses --rng for an ODE-only experiment (lyapunov, rates), where it would change nothing', async () => {
    for (const name of ['lyapunov', 'rates']) {
      const r = await runCli(['experiment', name, '--rng', 'threefry'], {
        openBackend: () => Promise.reject(new Error('BACKEND OPENED')),
      });
      expect(r.status).toBe(2);
      expect(r.errors[0]).toMatch(/option --rng does not apply.*allowed/);
    }
  });

  it('lists --rng in the help of the experiments that draw with it', async () => {
    const help = await runCli(['experiment', 'reddi', '--help']);
    expect(help.stdout).toMatch(/--rng .*philox\|threefry/);
    const ode = await runCli(['experiment', 'lyapunov', '--help']);
    expect(ode.stdout).not.toMatch(/--rng/);
  });
});

describe('adamscope bench --rng', () => {
  it('times the chosen generator (random, ensemble) and names it in the rows', async () => {
    const r = await runCli(['bench', 'random', '--quick', '--rng', 'threefry', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/threefry bits, n=65536/);
    const philox = await runCli(['bench', 'random', '--quick', '--quiet']);
    expect(philox.stdout).toMatch(/philox bits, n=65536/);
  });

  it('refuses an unknown generator, and --rng for bench ode (no draws)', async () => {
    const bad = await runCli(['bench', 'random', '--rng', 'mt19937'], {
      openBackend: () => Promise.reject(new Error('BACKEND OPENED')),
    });
    expect(bad.status).toBe(2);
    expect(bad.errors[0]).toMatch(/invalid --rng = "mt19937": allowed one of philox\|threefry/);
    const ode = await runCli(['bench', 'ode', '--rng', 'threefry'], {
      openBackend: () => Promise.reject(new Error('BACKEND OPENED')),
    });
    expect(ode.status).toBe(2);
    expect(ode.errors[0]).toMatch(/option --rng does not apply.*allowed/);
  });
});
