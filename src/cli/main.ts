import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openNodeBackend } from '../node/index.ts';
import { ParameterError } from '../errors.ts';
import type { CliCommand, CliIo } from './command.ts';
import { benchCommand } from './commands/bench.ts';
import { experimentCommand } from './commands/experiment.ts';
import { infoCommand } from './commands/info.ts';
import { odeCommand } from './commands/ode.ts';
import { runCommand } from './commands/run.ts';
import { CliError, helpText, parseOptions } from './options.ts';

/** Every subcommand, in help order. */
export const COMMANDS: CliCommand[] = [
  infoCommand,
  runCommand,
  odeCommand,
  experimentCommand,
  benchCommand,
];

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text + '\n'),
  stderr: (text) => process.stderr.write(text + '\n'),
  async openBackend(name, explicit) {
    const backend = await openNodeBackend(name, { explicit });
    for (const notice of backend.notices) process.stderr.write(notice + '\n');
    return backend;
  },
  async writeJson(values, data) {
    const out = values['out'];
    if (typeof out !== 'string') return;
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, JSON.stringify(data, null, 2) + '\n');
  },
};

function usage(): string {
  return [
    'usage: adamscope <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    '',
    'Global options: --backend webgpu|cpu, --seed SEED, --out PATH, --help',
  ].join('\n');
}

/** Runs the CLI; returns the exit status (0 ok, 1 failure, 2 bad usage). */
export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
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
  try {
    const { values, positionals } = parseOptions(
      command.name,
      rest,
      command.options,
      command.positionals ?? 0,
    );
    if (values['help']) {
      io.stdout(helpText(command.name, command.summary, command.options));
      return 0;
    }
    return await command.run(values, io, positionals);
  } catch (error) {
    if (error instanceof CliError || error instanceof ParameterError) {
      io.stderr(
        error instanceof ParameterError
          ? `adamscope ${command.name}: ${error.message}`
          : error.message,
      );
      return 2;
    }
    io.stderr(
      `adamscope ${command.name}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
}
