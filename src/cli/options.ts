import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { CliError, ParameterError } from '../errors.ts';
import { BACKENDS, type BackendName } from '../backend/index.ts';
import { defaultOf, describeRule, shapeOf } from '../problems/schema.ts';

export { CliError } from '../errors.ts';

/** One option of a command: `--name VALUE` (string) or `--name` (boolean). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help, e.g. `N`. */
  valueHint?: string;
  /** The allowed values in words (help), e.g. `an integer ≥ 1`. */
  rule?: string;
  /** The default in words (help), e.g. `1024` or `T/1000`. */
  defaultText?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Options every command accepts. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  backend: {
    type: 'string',
    description: 'engine backend',
    valueHint: BACKENDS.join('|'),
    rule: `one of ${BACKENDS.join('|')}`,
    defaultText: 'webgpu (the cpu backend with a notice where WebGPU is missing)',
  },
  seed: {
    type: 'string',
    description: 'random seed (a number or a string)',
    valueHint: 'SEED',
    rule: 'a finite number or a non-empty string',
    defaultText: '1',
  },
  out: {
    type: 'string',
    description: 'write the result as JSON to this file',
    valueHint: 'PATH',
    rule: 'a writable file path (checked before the run)',
  },
  help: { type: 'boolean', description: 'show this help' },
};

/** Options of the commands that run for long (run, ode, experiment, bench). */
export const LONG_RUN_OPTIONS: OptionSpecs = {
  progress: {
    type: 'string',
    description:
      'progress on stderr: a live bar (terminal), a line every 10 s (not a terminal), or one JSON object per line',
    valueHint: 'bar|lines|json',
    rule: 'one of bar|lines|json',
    defaultText: 'bar on a terminal, else lines',
  },
  quiet: { type: 'boolean', description: 'no progress output' },
};

export type ParsedOptions = Record<string, string | boolean | undefined>;

/** Edit distance between two option names (for the nearest ones of an unknown option). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The allowed options of an unknown-option error: all of them when the list is short; else
 * the five nearest to what was typed and where the whole list is (`--help`), so that the error
 * stays one readable line.
 */
function allowedOptions(command: string, names: string[], unknown: string): string {
  const all = names.map((n) => `--${n}`).join(', ');
  if (all.length <= 300) return all;
  const typed = unknown.replace(/^-+/, '');
  const nearest = [...names]
    .sort((x, y) => editDistance(typed, x) - editDistance(typed, y) || x.localeCompare(y))
    .slice(0, 5)
    .map((n) => `--${n}`)
    .join(', ');
  return `${names.length} options, the nearest ${nearest} (all: adamscope ${command} --help)`;
}

/**
 * Parses `argv` strictly: an unknown option, a missing value or a repeated option throws a
 * one-line error.
 */
export function parseOptions(
  command: string,
  argv: string[],
  specs: OptionSpecs,
  maxPositionals = 0,
): { values: ParsedOptions; positionals: string[] } {
  const all = { ...GLOBAL_OPTIONS, ...specs };
  const options = Object.fromEntries(
    Object.entries(all).map(([name, s]) => [name, { type: s.type, multiple: true }]),
  );
  let parsed: { values: Record<string, (string | boolean)[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv, all),
      options,
      strict: true,
      allowPositionals: true,
    }) as typeof parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      throw new CliError(
        `adamscope ${command}: unknown option ${unknown}; allowed: ${allowedOptions(command, Object.keys(all), unknown)}`,
      );
    }
    throw new CliError(`adamscope ${command}: ${message.split('\n')[0]}`);
  }
  const { positionals } = parsed;
  if (positionals.length > maxPositionals) {
    throw new CliError(
      `adamscope ${command}: unexpected argument "${positionals[maxPositionals]}"; allowed ${maxPositionals === 0 ? 'no argument' : `${maxPositionals} argument${maxPositionals > 1 ? 's' : ''}`} besides the options`,
    );
  }
  const values: ParsedOptions = {};
  for (const [name, list] of Object.entries(parsed.values)) {
    if (!list) continue;
    if (list.length > 1) {
      const shown = list.map((v) => (typeof v === 'string' ? JSON.stringify(v) : '')).join(', ');
      throw new ParameterError(`--${name}`, list, 'once (a repeated option is ambiguous)', {
        message:
          all[name]?.type === 'boolean'
            ? `invalid --${name}: given ${list.length} times; allowed once`
            : `invalid --${name}: given ${list.length} times (${shown}); allowed once${all[name]?.valueHint?.includes(',') ? ' (a list is one comma-separated value)' : ''}`,
      });
    }
    values[name] = list[0];
  }
  return { values, positionals };
}

/** `--gamma -1` -> `--gamma=-1`, so that a negative number is read as the value of a string option. */
function joinNegativeValues(argv: string[], specs: OptionSpecs): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const spec = arg.startsWith('--') ? specs[arg.slice(2)] : undefined;
    if (spec?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity|inf)/i.test(next)) {
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
    throw new CliError(`invalid --backend = ${String(raw)}: allowed webgpu or cpu`);
  }
  return { backend: raw as BackendName, explicit: true };
}

/** Fills the rule and default of each option from the schema field of the same (camelCase) name. */
export function withSchemaRules(
  specs: OptionSpecs,
  schema: z.ZodType,
  camel: (flag: string) => string,
  defaults: Record<string, string> = {},
): OptionSpecs {
  const shape = shapeOf(schema);
  return Object.fromEntries(
    Object.entries(specs).map(([flag, spec]) => {
      const field = shape[camel(flag)];
      const given = defaults[flag];
      const fieldDefault = field ? defaultOf(field) : undefined;
      const defaultText =
        given ??
        spec.defaultText ??
        (fieldDefault === undefined
          ? undefined
          : Array.isArray(fieldDefault)
            ? fieldDefault.join(',')
            : String(fieldDefault));
      return [
        flag,
        {
          ...spec,
          ...(field && spec.type === 'string' && !spec.rule ? { rule: describeRule(field) } : {}),
          ...(defaultText !== undefined ? { defaultText } : {}),
        },
      ];
    }),
  );
}

function wrap(text: string, width: number, indent: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

/** Help text of a command: every option with its description, allowed values and default, and examples. */
export function helpText(
  command: string,
  summary: string,
  specs: OptionSpecs,
  extra: { usage?: string; examples?: readonly string[]; notes?: readonly string[] } = {},
): string {
  const indent = ' '.repeat(34);
  const lines = Object.entries({ ...specs, ...GLOBAL_OPTIONS }).flatMap(([name, s]) => {
    const flag = s.type === 'string' ? `--${name} ${s.valueHint ?? 'VALUE'}` : `--${name}`;
    const parts = [s.description];
    if (s.rule) parts.push(`Allowed: ${s.rule}.`);
    if (s.defaultText !== undefined) parts.push(`Default: ${s.defaultText}.`);
    const text = parts.map((p) => (p.endsWith('.') ? p : `${p}.`)).join(' ');
    const wrapped = wrap(text, 66, indent);
    const head = `  ${flag.padEnd(31)} `;
    if (head.length > 34) return [`  ${flag}`, indent + wrapped.join('\n')];
    return [head + wrapped.join('\n')];
  });
  return [
    `adamscope ${command}: ${summary}`,
    '',
    `Usage: ${extra.usage ?? `adamscope ${command} [options]`}`,
    '',
    'Options:',
    ...lines,
    ...(extra.notes?.length ? ['', ...extra.notes] : []),
    ...(extra.examples?.length
      ? [
          '',
          extra.examples.length > 1 ? 'Examples:' : 'Example:',
          ...extra.examples.map((e) => `  ${e}`),
        ]
      : []),
  ].join('\n');
}
