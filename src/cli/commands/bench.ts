import type { GpuSession } from '../../gpu/session.ts';
import { benchOde } from '../../bench/ode.ts';
import { benchEnsemble } from '../../bench/ensemble.ts';
import { benchRandom } from '../../bench/random.ts';
import { formatBenchTable, type BenchRow } from '../../bench/report.ts';
import type { CliCommand } from '../command.ts';
import { CliError } from '../options.ts';

/** A benchmark: rows measured on the given device (undefined on the cpu backend). */
type Benchmark = (session: GpuSession | undefined, quick: boolean) => Promise<BenchRow[]>;

/** Registered benchmarks, by name. Engines add theirs here. */
export const BENCHMARKS: Record<string, Benchmark> = {
  ensemble: benchEnsemble,
  random: (session, quick) => benchRandom(session, quick ? [1 << 16] : [1 << 20, 1 << 24]),
  ode: benchOde,
};

/** `adamscope bench <name>`: throughput tables labelled with the adapter (never a timed test). */
export const benchCommand: CliCommand = {
  name: 'bench',
  summary: `throughput benchmarks (${Object.keys(BENCHMARKS).join(', ')}), labelled with the adapter`,
  options: {
    quick: { type: 'boolean', description: 'tiny sizes (smoke test of the benchmark itself)' },
  },
  positionals: 1,
  async run(values, io, positionals) {
    const name = positionals[0];
    const bench = name ? BENCHMARKS[name] : undefined;
    if (!name || !bench) {
      throw new CliError(
        `adamscope bench: unknown benchmark "${name ?? ''}"; allowed: ${Object.keys(BENCHMARKS).join(', ')}`,
      );
    }
    const backend = await io.openBackend('webgpu', false);
    const rows = await bench(
      backend.kind === 'webgpu' ? backend : undefined,
      values['quick'] === true,
    );
    io.stdout(formatBenchTable(`adamscope bench ${name}`, backend.adapter.label, rows));
    await io.writeJson(values, { benchmark: name, adapter: backend.adapter, rows });
    return 0;
  },
};
