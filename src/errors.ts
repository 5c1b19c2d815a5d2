/**
 * Every error type of adamscope, in one module. Each says what went wrong in one line that
 * names the parameter, file or limit involved.
 */

/** WGSL failed to compile; `messages` name the WGSL file and line of each error. */
export class ShaderCompilationError extends Error {
  constructor(
    readonly kernel: string,
    readonly messages: readonly { file: string; line: number; column: number; text: string }[],
  ) {
    super(
      `WGSL compilation failed for ${kernel}:\n` +
        messages.map((m) => `  ${m.file}:${m.line}:${m.column}: ${m.text}`).join('\n'),
    );
    this.name = 'ShaderCompilationError';
  }
}

/** The GPU device was lost or raised an uncaptured error; the next call gets a fresh device. */
export class DeviceLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceLostError';
  }
}

/** The adapter cannot provide a limit that the run needs. */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** A user-supplied parameter is out of range; the message names it, its value and the range. */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: string,
  ) {
    super(`invalid ${parameter} = ${formatValue(value)}: allowed ${allowed}`);
    this.name = 'ParameterError';
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return String(value);
}

/** A command-line mistake: printed as one line, exit status 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
