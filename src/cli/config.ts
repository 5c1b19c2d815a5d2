import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { CliError, type ParsedOptions } from './options.ts';

/**
 * Config files and flags share one schema (zod): a flag `--record-every 10` is the field
 * `recordEvery: 10`. Flags override the file. Errors name the field, its value and the rule.
 */

/** `--record-every` -> `recordEvery`. */
export function camelCase(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Reads a JSON config file; a missing file or bad JSON is a one-line CliError. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`cannot read --config file ${path}`);
  }
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      throw new Error('not a JSON object');
    return data as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `--config file ${path} is not a JSON object: ${error instanceof Error ? error.message : ''}`,
    );
  }
}

/** Converts a flag's text to the type its schema field expects: numbers, comma lists, booleans. */
export function flagValue(
  raw: string | boolean,
  kind: 'number' | 'numbers' | 'string' | 'boolean',
): unknown {
  if (typeof raw === 'boolean' || kind === 'boolean') return raw;
  if (kind === 'string') return raw;
  const parts = raw.split(',').map((s) => s.trim());
  const numbers = parts.map((s) => (s === '' ? NaN : Number(s)));
  if (kind === 'number') return parts.length === 1 ? numbers[0] : numbers;
  return numbers;
}

/** Collects the flags named in `kinds` into a config object (camelCase keys). */
export function flagsToConfig(
  values: ParsedOptions,
  kinds: Record<string, 'number' | 'numbers' | 'string' | 'boolean'>,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [flag, kind] of Object.entries(kinds)) {
    const raw = values[flag];
    if (raw !== undefined) config[camelCase(flag)] = flagValue(raw, kind);
  }
  return config;
}

/** `recordEvery` -> `record-every`. */
export function kebabCase(field: string): string {
  // Only a capital after a lower-case letter or digit starts a word: `T` stays `--T`.
  return field.replace(
    /([a-z0-9])([A-Z])/g,
    (_, before: string, capital: string) => `${before}-${capital.toLowerCase()}`,
  );
}

/**
 * Validates `data` with `schema`; the first problem becomes a one-line CliError naming the
 * field as the user wrote it: `--record-every` for a flag, `"recordEvery" in run.json` for
 * a config-file field.
 */
export function validateConfig<T extends z.ZodType>(
  schema: T,
  data: Record<string, unknown>,
  source: { file?: string | undefined; fromFlags: ReadonlySet<string> },
): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new CliError('invalid configuration');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    throw new CliError(`invalid config ${source.file ?? ''}: unknown field(s) ${keys}`);
  }
  const top = String(issue.path[0] ?? '');
  let value: unknown = data;
  for (const key of issue.path)
    value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
  const rest = issue.path
    .slice(1)
    .map((k) => `[${String(k)}]`)
    .join('');
  const name =
    source.fromFlags.has(top) || !source.file
      ? `--${kebabCase(top)}${rest}`
      : `field "${top}${rest}" in ${source.file}`;
  if (value === undefined) throw new CliError(`missing ${name}: ${issue.message}`);
  throw new CliError(`invalid ${name} = ${JSON.stringify(value)}: ${issue.message}`);
}
