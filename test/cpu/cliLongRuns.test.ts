import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/backend/index.ts';
import { Interrupt } from '../../src/cli/interrupt.ts';
import { ProgressReporter } from '../../src/cli/progress.ts';
import {
  CpuEnsemble,
  createEnsemble,
  decodeCheckpoint,
  encodeCheckpoint,
  runEnsemble,
  type EnsembleConfig,
} from '../../src/ensemble/index.ts';
import { OutputError, ParameterError } from '../../src/errors.ts';
import { EXPERIMENTS } from '../../src/experiments/index.ts';
import { writeFilesAtomically } from '../../src/node/files.ts';
import { integrateOde } from '../../src/ode/integrateOde.ts';
import { createProblem } from '../../src/problems/index.ts';
import { runCli } from '../cli/harness.ts';

/**
 * Long runs a user can trust (issue 12), in-process through `main(argv, io)` on the cpu
 * backend: progress, interruption, outputs checked before the run and written atomically,
 * checkpoint and resume, effective parameters, help, merge of shards, library validation.
 */

const dir = mkdtempSync(join(tmpdir(), 'adamscope-long-'));
const run = (steps: number) => [
  'run',
  '--problem',
  'quadratic-diag',
  '--dim',
  '6',
  '--trajectories',
  '96',
  '--steps',
  String(steps),
  '--record-every',
  '40',
  '--seed',
  '11',
  '--backend',
  'cpu',
];
const small = run(400);
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Requests `signal` once the run has reached `step` (through the json progress stream). */
function interruptAt(signal: 'SIGINT' | 'SIGTERM', afterMs: number): Interrupt {
  const interrupt = new Interrupt();
  setTimeout(() => interrupt.request(signal), afterMs);
  return interrupt;
}

describe('progress', () => {
  it('draws a bar on a terminal, a line every interval otherwise, JSON lines on request', () => {
    let clock = 0;
    const out = { bar: '', lines: '', json: '' };
    const make = (mode: 'bar' | 'lines' | 'json') =>
      new ProgressReporter(
        mode,
        { write: (t) => (out[mode] += t) },
        {
          label: 'run',
          total: 100,
          unit: 'steps',
          rates: [{ name: 'coordinate-updates/s', perUnit: 1000 }],
          lineInterval: 10_000,
          now: () => clock,
        },
      );
    const reporters = (['bar', 'lines', 'json'] as const).map((m) => make(m));
    for (let step = 10; step <= 100; step += 10) {
      clock = 250 * step; // 4 steps/s, 4000 coordinate-updates/s
      reporters.forEach((r) => r.update(step));
    }
    reporters.forEach((r) => r.finish());
    expect(out.bar).toMatch(
      /\rrun \[#+\.*\] \d+% \d+\/100 steps .* 4\.00 steps\/s, 4\.00k coordinate-updates\/s ETA/,
    );
    expect(out.bar.endsWith('\n')).toBe(true);
    const lines = out.lines.trim().split('\n');
    // 25 s: a line at 10 s, 20 s and the last one.
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(
      /^run: \d+\/100 steps \(\d+\.\d%\), elapsed 1\ds, 4\.00 steps\/s, 4\.00k coordinate-updates\/s, ETA \d+s$/,
    );
    const objects = out.json
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects.at(-1)).toMatchObject({
      event: 'done',
      done: 100,
      total: 100,
      unit: 'steps',
      etaSeconds: 0,
    });
    expect(objects[0]).toMatchObject({ event: 'progress', rates: { 'steps/s': 4 } });
  });

  it('run --progress json ends with a done object; --quiet prints no progress', async () => {
    const loud = await runCli([...small, '--progress', 'json']);
    expect(loud.status).toBe(0);
    const last = loud.stderr.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({
      event: 'done',
      command: 'run',
      done: 400,
      total: 400,
    });
    const quiet = await runCli([...small, '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const bad = await runCli([...small, '--progress', 'xml']);
    expect(bad.status).toBe(2);
    expect(bad.errors).toEqual([
      'invalid --progress = "xml": allowed one of bar|lines|json (or --quiet for none)',
    ]);
  });
});

describe('interruption', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s stops at a dispatch boundary, writes what was computed and exits %i',
    async (signal, status) => {
      const out = join(dir, `interrupted-${signal}.json`);
      const csv = join(dir, `interrupted-${signal}.csv`);
      const r = await runCli([...run(200000), '--out', out, '--csv', csv], {
        interrupt: interruptAt(signal, 400),
      });
      expect(r.status).toBe(status);
      const result = json(out) as {
        interrupted: boolean;
        stepReached: number;
        signal: string;
        records: { step: number }[];
        final: { xMean: number[]; count: number };
      };
      expect(result).toMatchObject({ interrupted: true, signal });
      expect(result.stepReached).toBeGreaterThan(0);
      expect(result.stepReached).toBeLessThan(200000);
      // Records up to the last recorded step, the final state statistics at the step reached.
      expect(result.records.at(-1)?.step).toBe(Math.floor(result.stepReached / 40) * 40);
      expect(result.final.xMean).toHaveLength(6);
      expect(result.final.count).toBe(96);
      expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^group,step,t,F_mean/);
      // Without --checkpoint, the state goes next to --out.
      expect(existsSync(`${out}.ckpt`)).toBe(true);
      expect(r.errors.at(-1)).toMatch(
        new RegExp(
          `interrupted by ${signal} at step \\d+ of 200000; wrote .*; continue with: adamscope run --resume`,
        ),
      );
    },
  );

  it('a resumed run gives byte-identical records, final statistics and CSV (cpu)', async () => {
    const base = run(3000);
    const full = await runCli([
      ...base,
      '--out',
      join(dir, 'full.json'),
      '--csv',
      join(dir, 'full.csv'),
    ]);
    expect(full.status).toBe(0);
    const ckpt = join(dir, 'resume.ckpt');
    const cut = await runCli(
      [...base, '--out', join(dir, 'cut.json'), '--checkpoint', ckpt, '--checkpoint-every', '120'],
      { interrupt: interruptAt('SIGINT', 250) },
    );
    expect(cut.status).toBe(130);
    const reached = (json(join(dir, 'cut.json')) as { stepReached: number }).stepReached;
    expect(decodeCheckpoint(readFileSync(ckpt)).state.step).toBe(reached);
    const resumed = await runCli([
      'run',
      '--resume',
      ckpt,
      '--out',
      join(dir, 'resumed.json'),
      '--csv',
      join(dir, 'resumed.csv'),
    ]);
    expect(resumed.status, resumed.stderr).toBe(0);
    const a = json(join(dir, 'full.json'));
    const b = json(join(dir, 'resumed.json'));
    for (const key of ['records', 'final', 'paths', 'groups'])
      expect(JSON.stringify(b[key]), key).toBe(JSON.stringify(a[key]));
    expect(readFileSync(join(dir, 'resumed.csv'))).toEqual(readFileSync(join(dir, 'full.csv')));
    expect(b['resumedFrom']).toEqual({ step: reached });
  });

  it('--resume takes only output flags, and only checkpoints', async () => {
    const ckpt = join(dir, 'small.ckpt');
    expect((await runCli([...small, '--checkpoint', ckpt])).status).toBe(0);
    const extra = await runCli(['run', '--resume', ckpt, '--gamma', '0.5']);
    expect(extra.status).toBe(2);
    expect(extra.errors[0]).toMatch(/^invalid --gamma = 0\.5: allowed not with --resume/);
    writeFileSync(join(dir, 'not.ckpt'), '{"a": 1}');
    const bad = await runCli(['run', '--resume', join(dir, 'not.ckpt')]);
    expect(bad.status).toBe(2);
    expect(bad.errors).toEqual([
      `invalid --resume = "${join(dir, 'not.ckpt')}": allowed an adamscope checkpoint file (it starts with ADSCKPT1)`,
    ]);
    const truncated = readFileSync(ckpt).subarray(0, 200);
    writeFileSync(join(dir, 'cut.ckpt'), truncated);
    const cut = await runCli(['run', '--resume', join(dir, 'cut.ckpt')]);
    expect(cut.status).toBe(2);
    expect(cut.errors[0]).toMatch(/allowed a complete checkpoint/);
  });
});

describe('outputs', () => {
  const cases: [string, string[], RegExp][] = [
    ['an empty --out', ['--out', ''], /invalid --out = "": an empty path; allowed a file path/],
    ['--out under /sys', ['--out', '/sys/x.json'], /invalid --out = "\/sys\/x\.json": under \/sys/],
    [
      '--out under /proc',
      ['--out', '/proc/x/y.json'],
      /invalid --out = "\/proc\/x\/y\.json": under \/proc/,
    ],
    [
      '--out a folder',
      ['--out', tmpdir()],
      /invalid --out = ".*": is a folder; allowed a file path/,
    ],
    [
      '--out under a file',
      ['--out', join(import.meta.dirname, 'cliLongRuns.test.ts', 'x.json')],
      /invalid --out = .*: a part of the path is a file, not a folder \(ENOTDIR\)/,
    ],
    [
      'good --out, bad --csv',
      ['--out', join(dir, 'never.json'), '--csv', '/sys/x.csv'],
      /invalid --csv = "\/sys\/x\.csv"/,
    ],
    [
      '--checkpoint under /dev',
      ['--checkpoint', '/dev/x/c.ckpt'],
      /invalid --checkpoint = "\/dev\/x\/c\.ckpt": under \/dev/,
    ],
    [
      '--out and --csv the same file',
      ['--out', join(dir, 'same'), '--csv', join(dir, 'same')],
      /is also the path of --out/,
    ],
  ];
  it.each(cases)('%s is refused before any work, in under a second', async (_, extra, message) => {
    const start = performance.now();
    const r = await runCli([...run(100000), ...extra]);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(r.status).toBe(2);
    expect(r.backendOpened).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(message);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('writes every file of a set or none, leaving no temporary behind', () => {
    const target = join(dir, 'atomic');
    mkdirSync(target, { recursive: true });
    const good = join(target, 'a.json');
    expect(() =>
      writeFilesAtomically([
        { flag: '--out', path: good, data: '{}' },
        { flag: '--csv', path: '/sys/adamscope/b.csv', data: 'x' },
      ]),
    ).toThrow(OutputError);
    expect(readdirSync(target)).toEqual([]);
    writeFilesAtomically([
      { flag: '--out', path: good, data: '{"a":1}\n' },
      { flag: '--csv', path: join(target, 'b.csv'), data: 'x\n' },
    ]);
    expect(readdirSync(target).sort()).toEqual(['a.json', 'b.csv']);
  });

  it('an experiment report folder is checked first and written whole', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli([
      'experiment',
      'reddi',
      '--trajectories',
      '8',
      '--T',
      '1',
      '--backend',
      'cpu',
      '--out',
      file,
    ]);
    expect(r.status).toBe(2);
    expect(r.backendOpened).toBe(false);
    expect(r.errors).toEqual([
      `adamscope experiment: invalid --out = "${file}": is a file; allowed a folder`,
    ]);
    const folder = join(dir, 'report');
    const ok = await runCli([
      'experiment',
      'reddi',
      '--trajectories',
      '8',
      '--T',
      '1',
      '--backend',
      'cpu',
      '--out',
      folder,
      '--quiet',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(
      expect.arrayContaining(['report.json', 'report.md']),
    );
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('what ran is what is reported', () => {
  it('records the effective α, β, a, b, ε, γ schedule, preset, version, adapter and command line', async () => {
    const out = join(dir, 'effective.json');
    const r = await runCli([
      'run',
      '--problem',
      'regression2d',
      '--trajectories',
      '8',
      '--steps',
      '4',
      '--backend',
      'cpu',
      '--out',
      out,
    ]);
    expect(r.status).toBe(0);
    const result = json(out) as {
      effective: { preset: string; groups: Record<string, unknown>[] };
      command: string[];
      version: string;
      adapter: { backend: string };
    };
    const g = result.effective.groups[0] ?? {};
    expect(result.effective.preset).toBe('pytorch');
    expect(g['alpha']).toBe(0.9);
    expect(g['beta']).toBe(0.999);
    expect(g['a']).toBeCloseTo(10, 10);
    expect(g['b']).toBeCloseTo(0.1, 10);
    expect(g).toMatchObject({
      epsilon: 1e-8,
      epsilonRoot: 0,
      epsilonForm: 'outside-root',
      gamma: 0.01,
      kappa: 0,
      schedule: 'constant γ = 0.01',
      debias: true,
    });
    expect(result.command.slice(0, 4)).toEqual(['adamscope', 'run', '--problem', 'regression2d']);
    expect(result.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.adapter.backend).toBe('cpu');
    const sgd = join(dir, 'sgd.json');
    await runCli([
      'run',
      '--problem',
      'quartic',
      '--optimizer',
      'sgd-decreasing',
      '--gamma',
      '0.1',
      '--trajectories',
      '4',
      '--steps',
      '4',
      '--backend',
      'cpu',
      '--out',
      sgd,
    ]);
    const s =
      (json(sgd) as { effective: { groups: Record<string, unknown>[] } }).effective.groups[0] ?? {};
    expect(s).toEqual({
      group: 0,
      optimizer: 'sgd-decreasing',
      gamma: 0.1,
      kappa: 0.5,
      schedule: 'γ_n = 0.1 · n^-0.5',
    });
  });

  it('ode records its effective coefficients and solver settings', async () => {
    const out = join(dir, 'ode.json');
    const r = await runCli([
      'ode',
      '--problem',
      'regression2d',
      '--T',
      '1',
      '--times',
      '0,1',
      '--backend',
      'cpu',
      '--out',
      out,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(json(out)['effective']).toMatchObject({
      ode: 'adam',
      a: 1,
      b: 1,
      epsilon: 1e-8,
      method: 'dopri5',
      rtol: 1e-6,
      atol: 1e-8,
      finalTime: 1,
    });
  });

  it('a run whose every trajectory diverged is an error, with the cause', async () => {
    const out = join(dir, 'diverged.json');
    const r = await runCli([
      'run',
      '--problem',
      'quartic',
      '--optimizer',
      'sgd',
      '--gamma',
      '1e6',
      '--x0',
      '10',
      '--trajectories',
      '8',
      '--steps',
      '20',
      '--backend',
      'cpu',
      '--out',
      out,
    ]);
    expect(r.status).toBe(1);
    expect(r.errors.at(-1)).toMatch(
      /no finite statistic at step 20: group 0 \(γ = 1000000\) has 0 live of 8 trajectories/,
    );
    expect(existsSync(out)).toBe(true);
  });
});

describe('help', () => {
  it.each(['run', 'ode', 'experiment', 'bench', 'merge', 'info'])(
    '%s --help describes every option and gives an example',
    async (command) => {
      const r = await runCli([command, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: adamscope /m);
      expect(r.stdout).toMatch(/^Examples?:\n {2}adamscope /m);
    },
  );

  it('run --help names the allowed range and the default of its flags', async () => {
    const r = await runCli(['run', '--help']);
    expect(r.stdout).toMatch(
      /--trajectories N +number of independent trajectories N[^]*?Allowed: an integer in\s+\[1, 2147483648\]\.\s+Default: 1024\./,
    );
    expect(r.stdout).toMatch(/--gamma G .*Allowed: a number > 0\.\s+Default: 0\.01\./s);
  });

  it.each(EXPERIMENTS.map((e) => e.name))(
    'experiment %s --help lists its own flags with description, range, default and an example',
    async (name) => {
      const r = await runCli(['experiment', name, '--help']);
      expect(r.status).toBe(0);
      const experiment = EXPERIMENTS.find((e) => e.name === name);
      for (const flag of Object.keys(experiment?.flags ?? {})) {
        const line = new RegExp(`^ {2}--${flag}( [A-Z0-9,…]+)? `, 'm');
        expect(r.stdout, flag).toMatch(line);
      }
      // Only its own flags (plus config, progress, quiet and the global ones).
      const listed = [...r.stdout.matchAll(/^ {2}--([a-zA-Z0-9-]+)/gm)].map((m) => m[1]);
      const allowed = new Set([
        ...Object.keys(experiment?.flags ?? {}),
        'config',
        'progress',
        'quiet',
        'backend',
        'seed',
        'out',
        'help',
        // --rng, where the experiment draws with the generator (not lyapunov, rates).
        ...(experiment?.usesGenerator === false ? [] : ['rng']),
      ]);
      expect(listed.filter((f) => !allowed.has(f ?? ''))).toEqual([]);
      expect(r.stdout).toMatch(/Allowed: /);
      expect(r.stdout).toMatch(/Default: /);
      expect(r.stdout).toMatch(new RegExp(`^Example:\\n {2}adamscope experiment ${name} `, 'm'));
      // Every flag has a description of its own (not just its name).
      for (const flag of Object.keys(experiment?.flags ?? {}))
        expect(r.stdout, flag).not.toMatch(new RegExp(`^ {2}--${flag}( \\S+)? +${flag}\\.`, 'm'));
    },
  );
});

describe('shards and merge', () => {
  it('four shards merged give the single run: counts exact, moments by Chan, quantiles within the stated resolution', async () => {
    const base = [
      'run',
      '--problem',
      'quadratic-diag',
      '--dim',
      '4',
      '--trajectories',
      '400',
      '--gammas',
      '0.01,0.05',
      '--steps',
      '100',
      '--record-every',
      '25',
      '--seed',
      '9',
      '--backend',
      'cpu',
      '--quiet',
    ];
    const single = join(dir, 'single.json');
    expect((await runCli([...base, '--histograms', '--out', single])).status).toBe(0);
    const shards = ['0:100', '100:200', '200:300', '300:400'].map((range) =>
      join(dir, `shard-${range.replace(':', '-')}.json`),
    );
    for (const [i, range] of ['0:100', '100:200', '200:300', '300:400'].entries()) {
      const r = await runCli([...base, '--trajectory-range', range, '--out', shards[i] ?? '']);
      expect(r.status, r.stderr).toBe(0);
    }
    const merged = join(dir, 'merged.json');
    const m = await runCli(['merge', ...shards, '--out', merged, '--csv', join(dir, 'merged.csv')]);
    expect(m.status, m.stderr).toBe(0);
    type Stats = Record<string, number>;
    type Rec = { group: number; step: number; count: number; diverged: number } & Record<
      'F' | 'gradNorm' | 'dist',
      Stats
    >;
    const a = json(single) as {
      records: Rec[];
      histograms: unknown;
      final: { xMean: number[]; xVar: number[]; count: number }[];
    };
    const b = json(merged) as typeof a & {
      histogramGrid: { quantileResolution: { relative: number; absolute: number } };
    };
    expect(b.records.map((r) => [r.group, r.step, r.count, r.diverged])).toEqual(
      a.records.map((r) => [r.group, r.step, r.count, r.diverged]),
    );
    expect(JSON.stringify(b.histograms)).toBe(JSON.stringify(a.histograms));
    const { relative, absolute } = b.histogramGrid.quantileResolution;
    expect(relative).toBeCloseTo(10 ** (1 / 200) - 1, 12);
    a.records.forEach((r, i) => {
      const s = b.records[i];
      for (const metric of ['F', 'gradNorm', 'dist'] as const) {
        const x = r[metric];
        const y = s?.[metric] ?? {};
        expect(y['mean']).toBeCloseTo(x['mean'] ?? NaN, 12);
        expect(Math.abs((y['std'] ?? NaN) - (x['std'] ?? NaN))).toBeLessThanOrEqual(
          1e-12 * Math.max(1, x['std'] ?? 0),
        );
        for (const q of ['q05', 'q25', 'q50', 'q75', 'q95']) {
          const exact = x[q] ?? NaN;
          expect(
            Math.abs((y[q] ?? NaN) - exact),
            `${metric} ${q} step ${r.step}`,
          ).toBeLessThanOrEqual(relative * Math.abs(exact) + absolute);
        }
      }
    });
    a.final.forEach((f, g) => {
      expect(b.final[g]?.count).toBe(f.count);
      f.xMean.forEach((v, c) => expect(b.final[g]?.xMean[c]).toBeCloseTo(v, 12));
      f.xVar.forEach((v, c) => expect(b.final[g]?.xVar[c]).toBeCloseTo(v, 12));
    });
  });

  it('--gamma-index runs one group with its streams; merge refuses gaps and overlaps', async () => {
    const base = [
      'run',
      '--problem',
      'quartic',
      '--trajectories',
      '64',
      '--gammas',
      '0.01,0.02',
      '--steps',
      '20',
      '--record-every',
      '10',
      '--backend',
      'cpu',
      '--quiet',
    ];
    const g1 = join(dir, 'g1.json');
    expect((await runCli([...base, '--gamma-index', '1', '--out', g1])).status).toBe(0);
    expect(json(g1)['shard']).toEqual({ first: 32, end: 64, trajectories: 64, groups: 2 });
    const r0 = join(dir, 'r0.json');
    expect((await runCli([...base, '--trajectory-range', '0:16', '--out', r0])).status).toBe(0);
    const gap = await runCli(['merge', r0, g1, '--out', join(dir, 'gap.json')]);
    expect(gap.status).toBe(2);
    expect(gap.errors[0]).toMatch(/trajectories 16 … 31 of the 64 are missing/);
    const overlap = await runCli(['merge', g1, g1, '--out', join(dir, 'overlap.json')]);
    expect(overlap.status).toBe(2);
    expect(overlap.errors[0]).toMatch(/are in two shards/);
    const cut = await runCli([...base, '--trajectory-range', '16:48']);
    expect(cut.status).toBe(2);
    expect(cut.errors[0]).toMatch(
      /^invalid --trajectory-range = "16:48": allowed a range inside one γ group or made of whole groups/,
    );
  });
});

describe('the library validates like the CLI', () => {
  const config: EnsembleConfig = {
    problem: { name: 'quartic', dimension: 2 },
    optimizer: { name: 'adam', gamma: 0.01 },
    trajectories: 4,
    seed: 1,
    x0: 1,
  };

  it.each([NaN, -5, 1.5, '10', Infinity, 2 ** 31])(
    'advance(%s) throws a ParameterError naming steps',
    async (steps) => {
      const ensemble = CpuEnsemble.create(config);
      await expect(ensemble.advance(steps as number)).rejects.toThrow(ParameterError);
      await expect(ensemble.advance(steps as number)).rejects.toThrow(
        /^invalid steps = .*: allowed an integer in \[0, 2147483647\]/,
      );
    },
  );

  it.each([
    [null, /^invalid config = null: allowed an object/],
    [{ ...config, problem: undefined }, /^missing problem: allowed/],
    [{ ...config, trajectories: '4' }, /^invalid trajectories = "4": allowed a finite number/],
    [{ ...config, seed: '' }, /^invalid seed = "": allowed/],
  ])('createEnsemble(%j) throws a ParameterError', async (bad, message) => {
    await expect(createEnsemble(bad as EnsembleConfig, new CpuBackend())).rejects.toThrow(message);
  });

  it('a missing backend is a ParameterError, not a TypeError', async () => {
    await expect(runEnsemble(config, 1, undefined as never)).rejects.toThrow(
      /^invalid backend = undefined: allowed a Backend/,
    );
    await expect(
      integrateOde(
        {
          problem: createProblem({ name: 'quartic', dimension: 2 }),
          ode: 'adam',
          a: 1,
          b: 1,
          x0: [1, 1],
          finalTime: 1,
          method: 'dopri5',
        },
        null as never,
      ),
    ).rejects.toThrow(ParameterError);
  });

  it('an ODE cloud of 1e12 points is refused with the limit', async () => {
    await expect(
      integrateOde(
        {
          problem: createProblem({ name: 'quartic', dimension: 2 }),
          ode: 'adam',
          a: 1,
          b: 1,
          cloud: { count: 1e12, spread: 1, seed: 1 },
          finalTime: 1,
          method: 'dopri5',
        },
        new CpuBackend(),
      ),
    ).rejects.toThrow(
      /^invalid cloud\.count = 1000000000000: allowed an integer in \[1, 1073741824\]/,
    );
  });

  it('a checkpoint restores an ensemble exactly (codec round trip)', async () => {
    const a = CpuEnsemble.create({ ...config, track: [1] });
    await a.advance(7);
    await a.record();
    const { state } = decodeCheckpoint(encodeCheckpoint(await a.exportState(), { note: NaN }));
    const b = CpuEnsemble.create({ ...config, track: [1] });
    await b.importState(state);
    expect(b.step).toBe(7);
    await a.advance(5);
    await b.advance(5);
    expect(await b.exportState()).toEqual(await a.exportState());
  });
});
