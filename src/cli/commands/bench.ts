import type { GpuSession } from '../../gpu/session.ts';
import { benchOde } from '../../bench/ode.ts';
import { benchEnsemble } from '../../bench/ensemble.ts';
import { benchRandom } from '../../bench/random.ts';
import { benchNetwork } from '../../bench/network.ts';
import { formatBenchTable, type BenchRow } from '../../bench/report.ts';
import { InterruptedError, ParameterError } from '../../errors.ts';
import { checkOutputPath, writeJson } from '../../node/files.ts';
import { RANDOM_GENERATORS, type RandomGenerator } from '../../random/generator.ts';
import type { CliCommand } from '../command.ts';
import { exitStatusOf, Interrupt } from '../interrupt.ts';
import { CliError, LONG_RUN_OPTIONS } from '../options.ts';
import { progressMode, ProgressReporter } from '../progress.ts';

/** A benchmark: rows measured on the given device (undefined on the cpu backend). */
type Benchmark = (
  session: GpuSession | undefined,
  quick: boolean,
  progress: (fraction: number) => void,
  rng: RandomGenerator,
) => Promise<BenchRow[]>;

/** Registered benchmarks, by name. Engines add theirs here. */
export const BENCHMARKS: Record<string, Benchmark> = {
  ensemble: (session, quick, progress, rng) => benchEnsemble(session, quick, progress, rng),
  random: (session, quick, progress, rng) =>
    benchRandom(session, quick ? [1 << 16] : [1 << 20, 1 << 24], progress, rng),
  ode: (session, quick, progress) => benchOde(session, quick, progress),
  network: (session, quick, progress) => benchNetwork(session, quick, progress),
};

/** Benchmarks where `--rng` is refused, and why. */
const WITHOUT_GENERATOR: Record<string, string> = {
  ode: 'the ODE solvers draw nothing',
  network: 'the network benchmark measures Philox only',
};

/** `adamscope bench <name>`: throughput tables labelled with the adapter (never a timed test). */
export const benchCommand: CliCommand = {
  name: 'bench',
  summary: `throughput benchmarks (${Object.keys(BENCHMARKS).join(', ')}), labelled with the adapter`,
  options: {
    quick: { type: 'boolean', description: 'tiny sizes (smoke test of the benchmark itself)' },
    rng: {
      type: 'string',
      description: 'counter-based generator of the draws (ensemble, random)',
      valueHint: RANDOM_GENERATORS.join('|'),
      rule: `one of ${RANDOM_GENERATORS.join('|')}`,
      defaultText: 'philox',
    },
    ...LONG_RUN_OPTIONS,
  },
  positionals: 1,
  globals: ['out'],
  help: {
    usage: `adamscope bench <${Object.keys(BENCHMARKS).join('|')}> [options]`,
    notes: [
      'ensemble: coordinate-updates/s of ADAM (webgpu against the float64 cpu twin);',
      'ode: trajectory-steps/s of the limit-ODE solvers; random: draws/s of the generator (--rng).',
      'network: per-sample gradient evaluations/s (N × steps × B / s) of ADAM trainings.',
      'The adapter heads every table: a software adapter is not GPU performance.',
    ],
    examples: ['adamscope bench ensemble --out bench-ensemble.json'],
  },
  async run(values, io, positionals) {
    const name = positionals[0];
    const bench = name ? BENCHMARKS[name] : undefined;
    if (!name || !bench) {
      throw new CliError(
        `adamscope bench: unknown benchmark "${name ?? ''}"; allowed: ${Object.keys(BENCHMARKS).join(', ')}`,
      );
    }
    const raw = values['rng'];
    const refusal = WITHOUT_GENERATOR[name];
    if (raw !== undefined && refusal !== undefined)
      throw new CliError(
        `adamscope bench ${name}: option --rng does not apply (${refusal}); allowed: the same command without --rng`,
      );
    let rng: RandomGenerator = 'philox';
    if (raw !== undefined) {
      if (typeof raw !== 'string' || !(RANDOM_GENERATORS as readonly string[]).includes(raw))
        throw new ParameterError('--rng', raw, `one of ${RANDOM_GENERATORS.join('|')}`, {
          typed: String(raw),
        });
      rng = raw as RandomGenerator;
    }
    const interrupt = io.interrupt ?? new Interrupt();
    const mode = progressMode(values, io.stderrIsTTY ?? false);
    const out = typeof values['out'] === 'string' ? values['out'] : undefined;
    if (out !== undefined) checkOutputPath('--out', out);
    const backend = await io.openBackend('webgpu', false);
    const progress = new ProgressReporter(
      mode,
      { write: (text) => (io.stderrRaw ? io.stderrRaw(text) : io.stderr(text.replace(/\n$/, ''))) },
      { label: `bench ${name}`, total: 1000, unit: '‰', rates: [] },
    );
    let rows: BenchRow[];
    try {
      rows = await bench(
        backend.kind === 'webgpu' ? backend : undefined,
        values['quick'] === true,
        (fraction) => {
          progress.update(Math.round(1000 * fraction));
          interrupt.throwIfRequested();
        },
        rng,
      );
    } catch (error) {
      progress.finish(error instanceof InterruptedError ? 'interrupted' : 'failed');
      throw error;
    }
    progress.finish();
    io.stdout(formatBenchTable(`adamscope bench ${name}`, backend.adapter.label, rows));
    if (out !== undefined)
      await writeJson(
        out,
        { command: io.commandLine ?? [], benchmark: name, adapter: backend.adapter, rows },
        '--out',
      );
    return interrupt.signal ? exitStatusOf(interrupt.signal) : 0;
  },
};
