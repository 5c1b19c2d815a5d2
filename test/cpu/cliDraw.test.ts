import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuRandomFill } from '../../src/kernels/randomDraws.ts';
import { seedKey } from '../../src/random/distributions.ts';
import { ksCriticalValue, ksDistance, uniformCdf } from '../../src/stats/goodnessOfFit.ts';
import { normalCdf } from '../../src/stats/normal.ts';

// `adamscope draw` (needs `npm run build:lib`): the random-streams page's numbers from the CLI.
const dir = mkdtempSync(join(tmpdir(), 'adamscope-draw-'));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['bin/adamscope.js', 'draw', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
interface Draw {
  distribution: string;
  n: number;
  p?: number;
  mean: number;
  variance: number;
  distance: { name: string; value: number; critical: number };
  belowCritical: boolean;
}
const draws = (args: string[]): Draw[] => {
  const out = join(dir, `${args.join('_').replace(/[^\w.-]/g, '')}.json`);
  const r = cli([...args, '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as { draws: Draw[] }).draws;
};

describe('adamscope draw', () => {
  it('cpu backend: the float64 twin’s draws, their moments and KS distances', () => {
    const n = 4096;
    const result = draws(['--backend', 'cpu', '--n', String(n), '--seed', '7', '--p', '0.25']);
    expect(result.map((d) => d.distribution)).toEqual(['uniform', 'normal', 'bernoulli']);
    const key = seedKey('7');
    const [uniform, normal, bernoulli] = result;
    // An independent recomputation from the twin (the same Philox counters as the page).
    const u = cpuRandomFill({ key, distribution: 'uniform', count: n });
    expect(uniform?.distance.value).toBe(ksDistance(u, uniformCdf));
    expect(uniform?.distance.critical).toBe(ksCriticalValue(n));
    const z = cpuRandomFill({ key, distribution: 'normal', count: n });
    expect(normal?.distance.value).toBe(ksDistance(z, normalCdf));
    const b = cpuRandomFill({ key, distribution: 'bernoulli', count: n, p: 0.25 });
    const ones = Array.from(b).reduce((s, x) => s + x, 0);
    expect(bernoulli?.mean).toBeCloseTo(ones / n, 14);
    expect(bernoulli?.distance.value).toBeCloseTo(Math.abs(ones / n - 0.25), 14);
    expect(bernoulli?.p).toBe(0.25);
    // Moments within 5 standard errors of the law's (fixed seed: deterministic; 5σ leaves
    // room for any seed while still catching a biased or scaled stream).
    const se = (variance: number) => 5 * Math.sqrt(variance / n);
    expect(Math.abs((uniform?.mean ?? NaN) - 0.5)).toBeLessThan(se(1 / 12));
    expect(Math.abs((normal?.mean ?? NaN) - 0)).toBeLessThan(se(1));
    // Var of the sample variance of N(0, 1) is 2/n.
    expect(Math.abs((normal?.variance ?? NaN) - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    const phat = ones / n;
    expect(bernoulli?.variance).toBeCloseTo(phat * (1 - phat), 12);
  });

  it('webgpu: the same bits as the twin (uniforms and Bernoulli draws equal, normals to 2/n)', () => {
    const n = 4096;
    const args = ['--n', String(n), '--seed', '7', '--p', '0.25'];
    const cpu = draws(['--backend', 'cpu', ...args]);
    const gpu = draws(['--backend', 'webgpu', ...args]);
    expect(gpu[0]?.distance.value).toBe(cpu[0]?.distance.value);
    expect(gpu[2]?.distance.value).toBe(cpu[2]?.distance.value);
    // Float32 normals can move one draw across the KS supremum: 1/n each (see the e2e test).
    expect(
      Math.abs((gpu[1]?.distance.value ?? NaN) - (cpu[1]?.distance.value ?? NaN)),
    ).toBeLessThanOrEqual(2 / n);
  });

  it('refuses bad input with one line naming the flag, the value and what is allowed', () => {
    const cases: [string[], RegExp][] = [
      [['--n', '3'], /invalid --n = 3: allowed an integer in \[4, 16777216\]/],
      [['--n', '1e9'], /invalid --n = 1e9: allowed an integer in \[4, 16777216\]/],
      [['--p', '1'], /invalid --p = 1: allowed a number in \(0, 1\)/],
      [
        ['--distribution', 'cauchy'],
        /invalid --distribution = "cauchy": allowed a comma list of uniform\|normal\|bernoulli/,
      ],
      [['--distribution', 'uniform,uniform'], /each at most once/],
      [
        ['--distribution', 'uniform', '--p', '0.3'],
        /invalid --p = 0.3: allowed only with --distribution bernoulli/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = cli(['--backend', 'cpu', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').at(-1)).toMatch(message);
    }
  });

  it('prints a table with the adapter, and a subset of laws on request', () => {
    const r = cli(['--backend', 'cpu', '--distribution', 'normal', '--n', '64']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/cpu backend/);
    expect(r.stdout).toMatch(/normal .* KS distance/);
    expect(r.stdout).not.toMatch(/uniform|bernoulli/);
  });
});
