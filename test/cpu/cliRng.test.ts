import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../src/ensemble/checkpoint.ts';

// `--rng philox|threefry` of `adamscope run` (needs `npm run build:lib`).
const dir = mkdtempSync(join(tmpdir(), 'adamscope-rng-'));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
const small = (...extra: string[]) => [
  'run',
  '--problem',
  'quadratic-diag',
  '--dim',
  '6',
  '--trajectories',
  '32',
  '--steps',
  '40',
  '--record-every',
  '20',
  '--seed',
  '5',
  ...extra,
];
const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as {
    rng: string;
    config: { rng?: string };
    final: { xMean: number[] };
  };

describe('adamscope run --rng', () => {
  it('runs with either generator (default philox) and records it in the JSON', () => {
    const results = (['', 'philox', 'threefry'] as const).map((rng) => {
      const out = join(dir, `run-${rng || 'default'}.json`);
      const result = cli(small('--backend', 'cpu', '--out', out, ...(rng ? ['--rng', rng] : [])));
      expect(result.status, result.stderr).toBe(0);
      return readJson(out);
    });
    const [byDefault, philox, threefry] = results;
    expect(byDefault?.rng).toBe('philox');
    expect(philox?.rng).toBe('philox');
    expect(threefry?.rng).toBe('threefry');
    expect(threefry?.config.rng).toBe('threefry');
    expect(byDefault?.final.xMean).toEqual(philox?.final.xMean);
    // Same seed, other generator: other draws.
    expect(threefry?.final.xMean).not.toEqual(philox?.final.xMean);
  });

  it('refuses an unknown generator with exit 2, naming the flag', () => {
    const result = cli(small('--rng', 'mersenne'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/invalid --rng = "mersenne": allowed one of philox\|threefry/);
  });

  it('a checkpoint keeps its generator: --resume with another --rng is refused', () => {
    const ckpt = join(dir, 'threefry.ckpt');
    const first = cli(small('--backend', 'cpu', '--rng', 'threefry', '--checkpoint', ckpt));
    expect(first.status, first.stderr).toBe(0);
    const meta = decodeCheckpoint(readFileSync(ckpt)).meta as { config: { rng?: string } };
    expect(meta.config.rng).toBe('threefry');
    const mismatch = cli(['run', '--resume', ckpt, '--rng', 'philox']);
    expect(mismatch.status).toBe(2);
    expect(mismatch.stderr).toMatch(
      /invalid --rng = "philox": allowed threefry \(the checkpoint was drawn with threefry/,
    );
    const out = join(dir, 'resumed.json');
    const same = cli(['run', '--resume', ckpt, '--rng', 'threefry', '--out', out]);
    expect(same.status, same.stderr).toBe(0);
    expect(readJson(out).rng).toBe('threefry');
  });
});
