import { parseArgs } from 'node:util';
import { CliError } from '../errors.ts';
import { BACKENDS, type BackendName } from '../backend/index.ts';

export { CliError } from '../errors.ts';

/** One option of a command: `--name VALUE` (string) or `--name` (boolean). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help, e.g. `N >= 1`. */
  valueHint?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  backend: { type: 'string', description: 'engine backend', valueHint: BACKENDS.join('|') },
  seed: { type: 'string', description: 'random seed (a number or a string)', valueHint: 'SEED' },
  out: {
    type: 'string',
    description: 'write the result as JSON to this file (or folder)',
    valueHint: 'PATH',
  },
  help: { type: 'boolean', description: 'show this help' },
};

export type ParsedOptions = Record<string, string | boolean | undefined>;

/** Parses `argv` strictly: an unknown option or a missing value throws a one-line CliError. */
export function parseOptions(
  command: string,
  argv: string[],
  specs: OptionSpecs,
  maxPositionals = 0,
): { values: ParsedOptions; positionals: string[] } {
  const all = { ...GLOBAL_OPTIONS, ...specs };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, s]) => [name, { type: s.type }]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: joinNegativeValues(argv, all),
      options,
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length > maxPositionals) {
      throw new CliError(
        `adamscope ${command}: unexpected argument "${positionals[maxPositionals]}"`,
      );
    }
    return { values: values as ParsedOptions, positionals };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      throw new CliError(
        `adamscope ${command}: unknown option ${unknown}; allowed: ${Object.keys(all)
          .map((n) => `--${n}`)
          .join(', ')}`,
      );
    }
    throw new CliError(`adamscope ${command}: ${message.split('\n')[0]}`);
  }
}

/** `--gamma -1` -> `--gamma=-1`, so that a negative number is read as the value of a string option. */
function joinNegativeValues(argv: string[], specs: OptionSpecs): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const spec = arg.startsWith('--') ? specs[arg.slice(2)] : undefined;
    if (spec?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

/** The `--backend` value, checked. `explicit` says whether the user chose it. */
export function backendOption(values: ParsedOptions): { backend: BackendName; explicit: boolean } {
  const raw = values['backend'];
  if (raw === undefined) return { backend: 'webgpu', explicit: false };
  if (typeof raw !== 'string' || !BACKENDS.includes(raw as BackendName)) {
    throw new CliError(`invalid --backend = ${String(raw)}: allowed ${BACKENDS.join(' or ')}`);
  }
  return { backend: raw as BackendName, explicit: true };
}

/** The `--seed` value: a finite number, or else the string itself (seedrandom hashes strings). */
export function seedOption(values: ParsedOptions, fallback: number | string = 1): number | string {
  const raw = values['seed'];
  if (raw === undefined || typeof raw === 'boolean') return fallback;
  if (raw.trim() === '')
    throw new CliError('invalid --seed = "": allowed a number or a non-empty string');
  const n = Number(raw);
  return Number.isFinite(n) ? n : raw;
}

/** Parses a number option, checking a range; the error names the option, value and range. */
export function numberOption(
  values: ParsedOptions,
  name: string,
  check: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean },
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' ? Number(raw) : NaN;
  const range = describeRange(check);
  if (!Number.isFinite(n))
    throw new CliError(`invalid --${name} = ${String(raw)}: allowed ${range}`);
  const bad =
    (check.integer && !Number.isInteger(n)) ||
    (check.min !== undefined && (check.exclusiveMin ? n <= check.min : n < check.min)) ||
    (check.max !== undefined && n > check.max);
  if (bad) throw new CliError(`invalid --${name} = ${raw}: allowed ${range}`);
  return n;
}

function describeRange(check: {
  min?: number;
  max?: number;
  integer?: boolean;
  exclusiveMin?: boolean;
}): string {
  const kind = check.integer ? 'an integer' : 'a number';
  const lo = check.min !== undefined ? `${check.exclusiveMin ? '>' : '>='} ${check.min}` : '';
  const hi = check.max !== undefined ? `<= ${check.max}` : '';
  return [kind, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
}

/** Help text for a command. */
export function helpText(command: string, summary: string, specs: OptionSpecs): string {
  const lines = Object.entries({ ...specs, ...GLOBAL_OPTIONS }).map(([name, s]) => {
    const flag = s.type === 'string' ? `--${name} ${s.valueHint ?? 'VALUE'}` : `--${name}`;
    return `  ${flag.padEnd(30)} ${s.description}`;
  });
  return [`adamscope ${command}: ${summary}`, '', 'Options:', ...lines].join('\n');
}
