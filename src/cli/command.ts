import type { Backend, BackendName } from '../backend/index.ts';
import type { OptionSpecs, ParsedOptions } from './options.ts';

/** What a command may do to the outside world (replaced in tests). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  openBackend(name: BackendName, explicit: boolean): Promise<Backend>;
  /** Writes `data` as JSON to `--out` when it was given. */
  writeJson(values: ParsedOptions, data: unknown): Promise<void>;
}

/** One `adamscope <name>` subcommand. Returns the exit status. */
export interface CliCommand {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** How many positional arguments it takes (e.g. `bench <name>`: 1). */
  positionals?: number;
  run(values: ParsedOptions, io: CliIo, positionals: string[]): Promise<number>;
}
