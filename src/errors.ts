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

/**
 * A user-supplied parameter is out of range; the message names it (a library field such as
 * `trajectories`, or a flag such as `--trajectories`), its value (the text the user typed
 * when there is one, shortened when long) and the rule.
 */
export class ParameterError extends Error {
  /** What the user typed, when the value came from text (a flag). */
  readonly typed: string | undefined;

  constructor(
    readonly parameter: string,
    readonly value: unknown,
    readonly allowed: string,
    options: { typed?: string | undefined; missing?: boolean; message?: string } = {},
  ) {
    super(
      options.message ??
        (options.missing
          ? `missing ${parameter}: allowed ${allowed}`
          : `invalid ${parameter} = ${options.typed !== undefined ? formatTyped(options.typed) : formatValue(value)}: allowed ${allowed}`),
    );
    this.name = 'ParameterError';
    this.typed = options.typed;
  }
}

/** Longest value shown in a message; longer ones are cut in the middle. */
const SHOWN_LENGTH = 80;

function shorten(text: string): string {
  if (text.length <= SHOWN_LENGTH) return text;
  const half = Math.floor((SHOWN_LENGTH - 20) / 2);
  return `${text.slice(0, half)}…(${text.length} characters)…${text.slice(-half)}`;
}

/** A value in a message: strings quoted, arrays and objects as short JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return shorten(JSON.stringify(value));
  if (Array.isArray(value)) {
    if (value.length > 8)
      return `[${value.slice(0, 4).map(formatValue).join(', ')}, … (${value.length} items)]`;
    return shorten(`[${value.map(formatValue).join(', ')}]`);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  try {
    return shorten(JSON.stringify(value) ?? String(value));
  } catch {
    return shorten(String(value));
  }
}

/** Typed text: a plain number or list of numbers as typed, anything else quoted. */
function formatTyped(text: string): string {
  return /^[-+]?[\d.][\d.eE+-]*(,[-+]?[\d.][\d.eE+-]*)*$/.test(text)
    ? shorten(text)
    : shorten(JSON.stringify(text));
}

/**
 * An output path that cannot be written: found before any work (`phase: 'check'`, a usage
 * error) or while writing (`phase: 'write'`). Names the flag, the path and the reason.
 */
export class OutputError extends Error {
  constructor(
    readonly flag: string,
    readonly path: string,
    readonly reason: string,
    readonly phase: 'check' | 'write' = 'check',
  ) {
    super(
      phase === 'check'
        ? `invalid ${flag} = ${shorten(JSON.stringify(path))}: ${reason}`
        : `cannot write ${flag} ${shorten(JSON.stringify(path))}: ${reason}`,
    );
    this.name = 'OutputError';
  }
}

/** The run was stopped by a signal (SIGINT, SIGTERM) at a dispatch boundary. */
export class InterruptedError extends Error {
  constructor(readonly signal: 'SIGINT' | 'SIGTERM') {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}

/** A command-line mistake: printed as one line, exit status 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * A result that has no finite statistic, or a verdict that would rest on a non-finite number
 * (failed solves, all trajectories diverged): an error with its cause, never a silent success.
 */
export class ResultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultError';
  }
}
