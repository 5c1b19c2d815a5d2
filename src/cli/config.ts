import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { ParameterError } from '../errors.ts';
import { parseWithSchema, type FieldNaming } from '../problems/schema.ts';
import type { ParsedOptions } from './options.ts';

/**
 * Config files and flags share one schema (zod): a flag `--record-every 10` is the field
 * `recordEvery: 10`. Flags override the file. Errors name the flag (with the text typed) or
 * the field of the file (with its value), and the rule of the field.
 */

export type FlagKind = 'number' | 'numbers' | 'string' | 'boolean';

/** `--record-every` -> `recordEvery`. */
export function camelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `recordEvery` -> `record-every`. */
export function kebabCase(field: string): string {
  // Only a capital after a lower-case letter or digit starts a word: `T` stays `--T`.
  return field.replace(
    /([a-z0-9])([A-Z])/g,
    (_, before: string, capital: string) => `${before}-${capital.toLowerCase()}`,
  );
}

/** Largest config file read (a config is a handful of fields; this refuses a mistaken data file). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** Reads a JSON config file; a missing file or bad JSON is a one-line ParameterError. */
export function readConfigFile(path: string): Record<string, unknown> {
  const refuse = (reason: string): never => {
    throw new ParameterError('--config', path, reason, { typed: path });
  };
  if (path.trim() === '') refuse('a JSON file (the path is empty)');
  let text = '';
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) refuse('a JSON file (this is a folder)');
    if (stat.size > MAX_CONFIG_BYTES)
      refuse(`a JSON file of at most ${MAX_CONFIG_BYTES} bytes (this one has ${stat.size})`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof ParameterError) throw error;
    const code = (error as { code?: string }).code;
    refuse(`a readable JSON file (${code ?? (error instanceof Error ? error.message : '')})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    refuse(`a JSON object (${error instanceof Error ? error.message : 'not JSON'})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    refuse(
      `a JSON object of fields (this file holds ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data})`,
    );
  return data as Record<string, unknown>;
}

/**
 * Converts a flag's text to the type its schema field expects: numbers, comma lists, booleans.
 * Text that is not a number becomes NaN (the schema refuses it; the message shows the text).
 */
export function flagValue(raw: string | boolean, kind: FlagKind): unknown {
  if (typeof raw === 'boolean' || kind === 'boolean') return raw;
  if (kind === 'string') return raw;
  const parts = raw.split(',').map((s) => s.trim());
  const numbers = parts.map((s) => (s === '' ? NaN : Number(s)));
  if (kind === 'number') return parts.length === 1 ? numbers[0] : numbers;
  return numbers;
}

/** A config assembled from a `--config` file and flags, with what the user typed. */
export interface ConfigSources {
  /** The merged fields (flags over the file), not yet validated. */
  data: Record<string, unknown>;
  /** The `--config` file, if any. */
  file: string | undefined;
  /** Fields set by flags (camelCase) -> the text typed. */
  typed: Map<string, string>;
}

/** Collects the `--config` file and the flags named in `kinds` (camelCase keys). */
export function collectConfig(
  values: ParsedOptions,
  kinds: Record<string, FlagKind>,
): ConfigSources {
  const file = typeof values['config'] === 'string' ? values['config'] : undefined;
  const fileConfig = file !== undefined ? readConfigFile(file) : {};
  const data: Record<string, unknown> = { ...fileConfig };
  const typed = new Map<string, string>();
  for (const [flag, kind] of Object.entries(kinds)) {
    if (flag === 'config') continue;
    const raw = values[flag];
    if (raw === undefined) continue;
    const field = camelCase(flag);
    data[field] = flagValue(raw, kind);
    typed.set(field, typeof raw === 'string' ? raw : String(raw));
  }
  // A seed is a number when it reads as one, else the string itself (seedrandom hashes strings).
  const seed = values['seed'];
  if (typeof seed === 'string') {
    data['seed'] = seed.trim() !== '' && Number.isFinite(Number(seed)) ? Number(seed) : seed;
    typed.set('seed', seed);
  }
  return { data, file, typed };
}

/** How the CLI names a field: `--record-every` (a flag) or `field "recordEvery" in run.json`. */
export function cliNaming(sources: Pick<ConfigSources, 'file' | 'typed'>): FieldNaming {
  return {
    name(path) {
      const top = String(path[0] ?? '');
      const rest = path
        .slice(1)
        .map((k) => `[${String(k)}]`)
        .join('');
      if (sources.typed.has(top) || sources.file === undefined) return `--${kebabCase(top)}${rest}`;
      return `field "${top}${rest}" in ${sources.file}`;
    },
    typed: (field) => sources.typed.get(field),
    wholeField: true,
    ...(sources.file !== undefined ? { source: sources.file } : {}),
  };
}

/** Validates collected sources with `schema`; errors name flags or file fields. */
export function validateSources<T extends z.ZodType>(
  schema: T,
  sources: ConfigSources,
): z.infer<T> {
  return parseWithSchema(schema, sources.data, cliNaming(sources));
}

/**
 * Re-words a library `ParameterError` (field names of the engine config) with the flag that
 * set the field and the text typed: `finalTime` -> `--T`. `flagOf` maps engine names to
 * CLI fields (camelCase); unmapped names are kept.
 */
export function rewordParameterError(
  error: ParameterError,
  sources: Pick<ConfigSources, 'file' | 'typed'> & { data?: Record<string, unknown> },
  flagOf: (parameter: string) => string | undefined,
): ParameterError {
  const base = error.parameter.replace(/\[\d+\]$/, '');
  const field = flagOf(base) ?? flagOf(error.parameter);
  if (field === undefined) return error;
  const naming = cliNaming(sources);
  const name = naming.name([field]);
  const typed = sources.typed.get(field);
  const detail =
    error.parameter !== field ? ` (${error.parameter} = ${formatShort(error.value)})` : '';
  const given = sources.data?.[field];
  return new ParameterError(
    name,
    given !== undefined ? given : error.value,
    `${error.allowed}${detail}`,
    typed !== undefined ? { typed } : {},
  );
}

function formatShort(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
