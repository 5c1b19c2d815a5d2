import type { GpuSession } from '../../gpu/session.ts';
import { benchOde } from '../../bench/ode.ts';
import { benchEnsemble } from '../../bench/ensemble.ts';
import { benchRandom } from '../../bench/random.ts';
import { benchNetwork } from '../../bench/network.ts';
import { formatBenchTable, type BenchRow } from '../../bench/report.ts';
import { InterruptedError } from '../../errors.ts';
import { checkOutputPath, writeJson } from '../../node/files.ts';
import type { CliCommand } from '../command.ts';
import { exitStatusOf, Interrupt } from '../interrupt.ts';
import { CliError, LONG_RUN_OPTIONS } from '../options.ts';
import { progressMode, ProgressReporter } from '../progress.ts';

/** A benchmark: rows measured on the given device (undefined on the cpu backend). */
type Benchmark = (
  session: GpuSession | undefined,
  quick: boolean,
  progress: (fraction: number) => void,
) => Promise<BenchRow[]>;

/** Registered benchmarks, by name. Engines add theirs here. */
export const BENCHMARKS: Record<string, Benchmark> = {
  ensemble: benchEnsemble,
  random: (session, quick, progress) =>
    benchRandom(session, quick ? [1 << 16] : [1 << 20, 1 << 24], progress),
  ode: benchOde,
  network: benchNetwork,
};

/** `adamscope bench <name>`: throughput tables labelled with the adapter (never a timed test). */
export const benchCommand: CliCommand = {
  name: 'bench',
  summary: `throughput benchmarks (${Object.keys(BENCHMARKS).join(', ')}), labelled with the adapter`,
  options: {
    quick: { type: 'boolean', description: 'tiny sizes (smoke test of the benchmark itself)' },
    ...LONG_RUN_OPTIONS,
  },
  positionals: 1,
  globals: ['out'],
  help: {
    usage: `adamscope bench <${Object.keys(BENCHMARKS).join('|')}> [options]`,
    notes: [
      'ensemble: coordinate-updates/s of ADAM (webgpu against the float64 cpu twin);',
      'ode: trajectory-steps/s of the limit-ODE solvers; random: Philox draws/s.',
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
