import type { Backend, BackendName } from '../backend/index.ts';
import type { Interrupt } from './interrupt.ts';
import type { OptionSpecs, ParsedOptions } from './options.ts';

/** What a command may do to the outside world (replaced in tests). */
export interface CliIo {
  stdout(text: string): void;
  /** One line on stderr (a newline is added). */
  stderr(text: string): void;
  /** Raw text on stderr (no newline added): the live progress bar. */
  stderrRaw?(text: string): void;
  /** Whether stderr is a terminal (a live bar) or not (a line every 10 s). */
  stderrIsTTY?: boolean;
  openBackend(name: BackendName, explicit: boolean): Promise<Backend>;
  /** Writes `data` as JSON to `--out` when it was given (info, bench). */
  writeJson(values: ParsedOptions, data: unknown): Promise<void>;
  /** Set by SIGINT/SIGTERM (or a test); commands poll it at dispatch boundaries. */
  interrupt?: Interrupt;
  /** The command line, as recorded in every JSON output (`adamscope run --steps 10 ...`). */
  commandLine?: readonly string[];
}

/** One `adamscope <name>` subcommand. Returns the exit status. */
export interface CliCommand {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** The global options (backend, seed, out) it takes, when not all of them. */
  globals?: readonly string[];
  /** How many positional arguments it takes (e.g. `bench <name>`: 1). */
  positionals?: number;
  /** Help beyond the option list: usage line, notes, examples. */
  help?: { usage?: string; notes?: readonly string[]; examples?: readonly string[] };
  /** Help of one positional value (e.g. `experiment <name> --help`), when it has its own. */
  positionalHelp?(positional: string): string | undefined;
  run(values: ParsedOptions, io: CliIo, positionals: string[]): Promise<number>;
}
