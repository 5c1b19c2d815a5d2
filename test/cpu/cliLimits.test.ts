import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Interrupt } from '../../src/cli/interrupt.ts';
import { runCli } from '../cli/harness.ts';

/**
 * Every limit a refusal names holds at its boundary: the named maximum runs, one more is
 * refused (exit 2, one line). Limits too large to run to the end here start and are stopped
 * by an interrupt (which proves they were accepted and allocated); the GPU buffer limit is in
 * test/gpu/checkpoint.test.ts (opt-in, minutes on SwiftShader).
 */
const dir = mkdtempSync(join(tmpdir(), 'adamscope-limits-'));
const cpuRun = ['run', '--problem', 'quartic', '--backend', 'cpu', '--quiet'];

const stopAfter = (ms: number) => {
  const interrupt = new Interrupt();
  setTimeout(() => interrupt.request('SIGINT'), ms);
  return interrupt;
};

describe('limits at their boundary', () => {
  it('the cpu backend runs the largest N that fits the heap and refuses one more', () => {
    // A small heap makes the limit small enough to run (node --max-old-space-size=128).
    const node = (args: string[]) =>
      spawnSync(process.execPath, ['--max-old-space-size=128', 'bin/adamscope.js', ...args], {
        encoding: 'utf8',
        timeout: 300_000,
      });
    const probe = node([...cpuRun, '--trajectories', '999999999', '--steps', '2']);
    expect(probe.status).toBe(2);
    expect(probe.stderr.trim().split('\n')).toHaveLength(1);
    const max = Number(/allowed at most (\d+) trajectories/.exec(probe.stderr)?.[1]);
    expect(max).toBeGreaterThan(1000);
    const out = join(dir, 'heap.json');
    const ok = node([
      ...cpuRun,
      '--trajectories',
      String(max),
      '--steps',
      '20',
      '--record-every',
      '5',
      '--out',
      out,
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    const records = (JSON.parse(readFileSync(out, 'utf8')) as { records: { count: number }[] })
      .records;
    expect(records.at(-1)?.count).toBe(max);
    const over = node([...cpuRun, '--trajectories', String(max + 1), '--steps', '2']);
    expect(over.status).toBe(2);
    expect(over.stderr).toMatch(
      new RegExp(`invalid --trajectories = ${max + 1}: allowed at most ${max} trajectories`),
    );
  }, 600_000);

  it('--steps 2147483647 runs (stopped here by a signal); 2147483648 is refused', async () => {
    const out = join(dir, 'steps.json');
    const r = await runCli(
      [
        ...cpuRun,
        '--trajectories',
        '4',
        '--steps',
        '2147483647',
        '--record-every',
        '1000',
        '--out',
        out,
      ],
      {
        interrupt: stopAfter(300),
      },
    );
    expect(r.status).toBe(130);
    expect(
      (JSON.parse(readFileSync(out, 'utf8')) as { stepReached: number }).stepReached,
    ).toBeGreaterThan(0);
    const over = await runCli([...cpuRun, '--trajectories', '4', '--steps', '2147483648']);
    expect(over.status).toBe(2);
    expect(over.errors).toEqual([
      'invalid --steps = 2147483648: allowed an integer in [1, 2147483647]',
    ]);
  });

  it.each([
    [
      '--track',
      (n: number) => Array.from({ length: n }, (_, i) => i).join(','),
      64,
      ['--trajectories', '128', '--steps', '2'],
    ],
    [
      '--gammas',
      (n: number) => Array.from({ length: n }, (_, i) => 0.001 * (1 + i / n)).join(','),
      4096,
      ['--trajectories', '4096', '--steps', '1'],
    ],
    [
      '--steps-per-dispatch',
      (n: number) => String(n),
      1 << 20,
      ['--trajectories', '4', '--steps', '2'],
    ],
    [
      '--checkpoint-every',
      (n: number) => String(n),
      2 ** 31 - 1,
      ['--trajectories', '4', '--steps', '2', '--checkpoint', join(dir, 'c.ckpt')],
    ],
  ] as const)(
    'run %s at its maximum works, one more is refused',
    async (flag, value, max, extra) => {
      const ok = await runCli([...cpuRun, ...extra, flag, value(max)]);
      expect(ok.status, ok.stderr).toBe(0);
      const over = await runCli([...cpuRun, ...extra, flag, value(max + 1)]);
      expect(over.status).toBe(2);
      expect(over.errors).toHaveLength(1);
      expect(over.errors[0]).toMatch(new RegExp(`^invalid ${flag} = .*: allowed .*${max}`));
    },
  );

  it('ode --times with 10001 values works, 10002 are refused', async () => {
    const times = (n: number) =>
      Array.from({ length: n }, (_, i) => (i / (n - 1)).toPrecision(12)).join(',');
    const base = ['ode', '--problem', 'quartic', '--T', '1', '--backend', 'cpu', '--quiet'];
    expect((await runCli([...base, '--times', times(10001)])).status).toBe(0);
    const over = await runCli([...base, '--times', times(10002)]);
    expect(over.status).toBe(2);
    expect(over.errors[0]).toMatch(
      /^invalid --times = .*\(10002 characters|^invalid --times = .*: allowed a comma list of numbers ≥ 0 \(1 to 10001\)/,
    );
  });
});

describe('interrupting ode, experiment and bench', () => {
  it('ode stops at the next trajectory, writes nothing and exits 130', async () => {
    const out = join(dir, 'ode.json');
    const r = await runCli(
      [
        'ode',
        '--problem',
        'quartic',
        '--x0-cloud',
        '20000',
        '--T',
        '2000',
        '--backend',
        'cpu',
        '--out',
        out,
      ],
      {
        interrupt: stopAfter(300),
      },
    );
    expect(r.status).toBe(130);
    expect(r.errors.at(-1)).toBe('adamscope ode: interrupted by SIGINT; nothing was written');
    expect(existsSync(out)).toBe(false);
  });

  it('an experiment stops at its next progress report and exits 143 on SIGTERM', async () => {
    const out = join(dir, 'experiment');
    const start = performance.now();
    const r = await runCli(
      [
        'experiment',
        'reddi',
        '--trajectories',
        '20000',
        '--T',
        '400',
        '--backend',
        'cpu',
        '--out',
        out,
      ],
      {
        interrupt: (() => {
          const i = new Interrupt();
          setTimeout(() => i.request('SIGTERM'), 300);
          return i;
        })(),
      },
    );
    expect(r.status).toBe(143);
    expect(existsSync(out)).toBe(false);
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});
