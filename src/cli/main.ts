import { openNodeBackend } from '../node/index.ts';
import { removePendingTemporaries, writeJson } from '../node/files.ts';
import {
  InterruptedError,
  LimitError,
  OutputError,
  ParameterError,
  ResultError,
} from '../errors.ts';
import { provideNetworkProblems } from '../problems/index.ts';
import * as networkTwin from '../problems/network/network.ts';
import type { CliCommand, CliIo } from './command.ts';
import { benchCommand } from './commands/bench.ts';
import { drawCommand } from './commands/draw.ts';
import { experimentCommand } from './commands/experiment.ts';
import { infoCommand } from './commands/info.ts';
import { mergeCommand } from './commands/merge.ts';
import { odeCommand } from './commands/ode.ts';
import { runCommand } from './commands/run.ts';
import { dieOf, exitStatusOf, Interrupt, listenToSignals } from './interrupt.ts';
import { CliError, helpText, parseOptions } from './options.ts';

// The CLI reads network problems synchronously (createProblem in its config resolution).
provideNetworkProblems(networkTwin);

/** Every subcommand, in help order. */
export const COMMANDS: CliCommand[] = [
  infoCommand,
  runCommand,
  odeCommand,
  experimentCommand,
  benchCommand,
  drawCommand,
  mergeCommand,
];

/** The io of the real process: stdout, stderr, Dawn, files, signals. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text + '\n'),
    stderr: (text) => process.stderr.write(text + '\n'),
    stderrRaw: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    async openBackend(name, explicit) {
      const backend = await openNodeBackend(name, { explicit });
      for (const notice of backend.notices) process.stderr.write(notice + '\n');
      return backend;
    },
    async writeJson(values, data) {
      const out = values['out'];
      if (typeof out !== 'string') return;
      await writeJson(out, data, '--out');
    },
    interrupt: new Interrupt(),
  };
}

function usage(): string {
  return [
    'usage: adamscope <command> [options]      (adamscope <command> --help: its options)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Global options: --backend webgpu|cpu, --seed SEED, --out PATH, --help',
    'Long commands (run, ode, experiment, bench) also take --progress bar|lines|json and --quiet.',
    'Exit status: 0 done, 1 failed, 2 bad usage (one line naming the flag), 130/143 interrupted.',
  ].join('\n');
}

/** Runs the CLI; returns the exit status (0 ok, 1 failure, 2 bad usage, 130/143 interrupted). */
export async function main(argv: string[], given?: CliIo): Promise<number> {
  // Only the real process (no io given) listens to signals; a test sets `io.interrupt` itself.
  const io = given ?? processIo();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help' || name === '-h') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(
      `adamscope: unknown command "${name}"; allowed: ${COMMANDS.map((c) => c.name).join(', ')}`,
    );
    return 2;
  }
  const interrupt = io.interrupt ?? new Interrupt();
  const runIo: CliIo = { ...io, interrupt, commandLine: io.commandLine ?? ['adamscope', ...argv] };
  const unlisten = given
    ? () => {}
    : listenToSignals(interrupt, io.stderr, (signal) => dieOf(signal, removePendingTemporaries));
  try {
    const { values, positionals } = parseOptions(
      command.name,
      rest,
      command.options,
      command.positionals ?? 0,
    );
    for (const global of ['backend', 'seed', 'out']) {
      if (values[global] === undefined || !command.globals || command.globals.includes(global))
        continue;
      throw new ParameterError(
        `--${global}`,
        values[global],
        `not with adamscope ${command.name} (it takes ${command.globals.map((g) => `--${g}`).join(', ') || 'no global option'})`,
        { typed: String(values[global]) },
      );
    }
    if (values['help']) {
      const own =
        positionals[0] !== undefined ? command.positionalHelp?.(positionals[0]) : undefined;
      io.stdout(own ?? helpText(command.name, command.summary, command.options, command.help));
      return 0;
    }
    return await command.run(values, runIo, positionals);
  } catch (error) {
    return report(error, command.name, io);
  } finally {
    unlisten();
  }
}

/** One line on stderr and the exit status of an error. */
function report(error: unknown, command: string, io: CliIo): number {
  if (error instanceof InterruptedError) {
    io.stderr(`adamscope ${command}: interrupted by ${error.signal}; nothing was written`);
    return exitStatusOf(error.signal);
  }
  if (error instanceof OutputError) {
    io.stderr(`adamscope ${command}: ${error.message}`);
    return error.phase === 'check' ? 2 : 1;
  }
  if (error instanceof CliError) {
    io.stderr(error.message);
    return 2;
  }
  if (error instanceof ParameterError) {
    // Flags and config fields are named as typed; library fields get the command as context.
    io.stderr(
      /^(invalid|missing) (--|field ")/.test(error.message) ||
        error.message.startsWith('invalid --')
        ? error.message
        : `adamscope ${command}: ${error.message}`,
    );
    return 2;
  }
  if (error instanceof LimitError || error instanceof ResultError) {
    io.stderr(`adamscope ${command}: ${error.message}`);
    return 1;
  }
  io.stderr(`adamscope ${command}: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
