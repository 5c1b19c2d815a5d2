import { CpuBackend } from '../../src/backend/index.ts';
import type { CliIo } from '../../src/cli/command.ts';
import { Interrupt } from '../../src/cli/interrupt.ts';
import { main } from '../../src/cli/main.ts';
import { writeJson } from '../../src/node/files.ts';

/** What a CLI run printed and returned, run in-process through `main(argv, io)`. */
export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stderr lines without the SwiftShader / fallback notices. */
  errors: string[];
  backendOpened: boolean;
}

/**
 * Runs `adamscope ...argv` in this process with a capturing io. The backend is the cpu
 * backend unless `openBackend` is given (webgpu runs spawn the real command instead).
 */
export async function runCli(
  argv: string[],
  options: {
    openBackend?: CliIo['openBackend'];
    interrupt?: Interrupt;
    tty?: boolean;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  let backendOpened = false;
  const io: CliIo = {
    stdout: (text) => (stdout += text + '\n'),
    stderr: (text) => (stderr += text + '\n'),
    stderrRaw: (text) => (stderr += text),
    stderrIsTTY: options.tty ?? false,
    async openBackend(name, explicit) {
      backendOpened = true;
      if (options.openBackend) return options.openBackend(name, explicit);
      return new CpuBackend();
    },
    async writeJson(values, data) {
      if (typeof values['out'] === 'string') await writeJson(values['out'], data, '--out');
    },
    interrupt: options.interrupt ?? new Interrupt(),
  };
  const status = await main(argv, io);
  const errors = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^adamscope: (no GPU|WebGPU)/.test(l));
  return { status, stdout, stderr, errors, backendOpened };
}
