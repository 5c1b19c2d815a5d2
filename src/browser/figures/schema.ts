/**
 * The rules of the figures' parameters: each figure's `parameters` in catalog.ts is its schema
 * (one rule per parameter: type, range, allowed values, list length), built with the helpers
 * below and read by `readParameters`. Reading is strict and never stops a figure: a value that
 * breaks its rule gives a problem line in the form of the library's `ParameterError`
 * (`invalid <name> = "<text>": allowed <rule>`) plus the default used instead, and the value
 * read is that default. Small on purpose: the embed script carries it.
 */
import { ParameterError } from '../../errors.ts';
import type { ParameterInfo } from './types.ts';

/** The values read so far, by parameter name (a bound may depend on an earlier parameter). */
export type Values = Readonly<Record<string, unknown>>;

/** A bound of a range: a number, or one computed from earlier parameters, with its formula. */
export type Bound = number | { readonly text: string; readonly of: (values: Values) => number };

/**
 * A number in [min, max]; `integer` for integers; `optional`: an absent value reads as
 * undefined (the figure picks a size), which `absent` says in words.
 */
export interface NumberRule extends ParameterInfo {
  readonly kind: 'number';
  readonly min: Bound;
  readonly max: Bound;
  readonly integer: boolean;
  readonly optional: boolean;
  readonly absent: string;
}
/** One of `choices`. */
export interface ChoiceRule<C extends string = string> extends ParameterInfo {
  readonly kind: 'choice';
  readonly choices: readonly C[];
}
/** A comma list of distinct names among `names` (at least one). */
export interface ListRule<C extends string = string> extends ParameterInfo {
  readonly kind: 'list';
  readonly names: readonly C[];
}
/** A comma list of exactly `length` numbers in [min, max]. */
export interface NumbersRule extends ParameterInfo {
  readonly kind: 'numbers';
  readonly length: number;
  readonly min: number;
  readonly max: number;
}
/** Free text of at most `maxLength` characters (a seed). */
export interface TextRule extends ParameterInfo {
  readonly kind: 'text';
  readonly maxLength: number;
}
/** Present (no value, or `true`) or absent (or `false`). */
export interface FlagRule extends ParameterInfo {
  readonly kind: 'flag';
}

export type ParameterRule = NumberRule | ChoiceRule | ListRule | NumbersRule | TextRule | FlagRule;
export type Schema = Readonly<Record<string, ParameterRule>>;

/** The type a rule reads to. */
export type ValueOf<R> = R extends { kind: 'number'; optional: true }
  ? number | undefined
  : R extends { kind: 'number' }
    ? number
    : R extends { kind: 'numbers' }
      ? number[]
      : R extends { kind: 'choice'; choices: readonly (infer C)[] }
        ? C
        : R extends { kind: 'list'; names: readonly (infer C)[] }
          ? C[]
          : R extends { kind: 'flag' }
            ? boolean
            : string;

/** The values of a schema, by parameter name. */
export type ValuesOf<S> = { -readonly [K in keyof S]: ValueOf<S[K]> };

const format = (value: number) =>
  String(Number.isInteger(value) ? value : Number(value.toPrecision(6)));
const boundText = (bound: Bound, values?: Values) =>
  typeof bound === 'number'
    ? format(bound)
    : values
      ? `${bound.text} = ${format(bound.of(values))}`
      : bound.text;
const boundValue = (bound: Bound, values: Values) =>
  typeof bound === 'number' ? bound : bound.of(values);

/** What a value must be, in words (`values` fills in the bounds that depend on other parameters). */
export function allowedText(rule: ParameterRule, values?: Values): string {
  switch (rule.kind) {
    case 'number':
      return `${rule.integer ? 'an integer' : 'a number'} in [${boundText(rule.min, values)}, ${boundText(rule.max, values)}]`;
    case 'choice':
      return `one of ${rule.choices.join(', ')}`;
    case 'list':
      return `a comma list of 1 to ${rule.names.length} distinct names among ${rule.names.join(', ')}`;
    case 'numbers':
      return `${rule.length} comma-separated numbers in [${format(rule.min)}, ${format(rule.max)}]`;
    case 'text':
      return `text of at most ${rule.maxLength} characters`;
    case 'flag':
      return 'no value, true or false';
  }
}

/** A decimal number as written in a URL: `12`, `-0.5`, `1e-3` (not `0x10`, `Infinity`, `1_0`). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const toNumber = (text: string) => (NUMBER.test(text) ? Number(text) : NaN);

/** The value of `text` under `rule`, or undefined when `text` breaks the rule. */
function parse(rule: ParameterRule, text: string, values: Values): unknown {
  switch (rule.kind) {
    case 'number': {
      const x = toNumber(text);
      const ok =
        x >= boundValue(rule.min, values) &&
        x <= boundValue(rule.max, values) &&
        (!rule.integer || Number.isInteger(x));
      return ok ? x : undefined;
    }
    case 'choice':
      return rule.choices.find((c) => c === text);
    case 'list': {
      const names = text.split(',').map((s) => s.trim());
      const ok = names.every((n) => rule.names.some((c) => c === n));
      return ok && new Set(names).size === names.length ? names : undefined;
    }
    case 'numbers': {
      const xs = text.split(',').map((s) => toNumber(s.trim()));
      const ok = xs.length === rule.length && xs.every((x) => x >= rule.min && x <= rule.max);
      return ok ? xs : undefined;
    }
    case 'text':
      return text.length <= rule.maxLength ? text : undefined;
    case 'flag':
      return text === '' || text === 'true' ? true : text === 'false' ? false : undefined;
  }
}

/** The value a rule reads when its parameter is absent. */
function defaultOf(rule: ParameterRule, values: Values): unknown {
  if (rule.kind === 'flag') return false;
  if (rule.kind === 'number' && rule.optional) return undefined;
  return parse(rule, rule.default, values);
}

/**
 * Reads `params` (raw strings from a URL or from attributes) under `schema`, in the schema's
 * order. A value that breaks its rule is replaced by the default, with one line in `problems`:
 * `invalid gamma = "abc": allowed a number in [0.0001, 0.5]; using the default gamma = 0.01`.
 * Names `schema` does not know are not read (see `unknownParameters`).
 */
export function readParameters<S extends Schema>(
  schema: S,
  params: Readonly<Record<string, string>>,
): { values: ValuesOf<S>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    const raw = params[name];
    const text = raw?.trim() ?? '';
    // An empty value is the default, except for a flag (`?paused` turns it on).
    const absent = raw === undefined || (text === '' && rule.kind !== 'flag');
    let value = absent ? defaultOf(rule, values) : parse(rule, text, values);
    if (!absent && value === undefined) {
      const error = new ParameterError(name, raw, allowedText(rule, values)).message;
      value = defaultOf(rule, values);
      problems.push(`${error}; using the default ${name} = ${defaultText(rule)}`);
    }
    values[name] = value;
  }
  return { values: values as ValuesOf<S>, problems };
}

/** The default as the notices write it: its text, `false` for a flag, what an absent size means. */
export function defaultText(rule: ParameterRule): string {
  if (rule.kind === 'flag') return 'false';
  return rule.kind === 'number' && rule.optional ? rule.absent : rule.default;
}

/** One line per name of `params` that is not in `known`: `unknown parameter X; known: a, b`. */
export function unknownParameters(
  params: Readonly<Record<string, string>>,
  known: readonly string[],
): string[] {
  return Object.keys(params)
    .filter((name) => !known.includes(name))
    .map((name) => `unknown parameter ${name}; known: ${known.join(', ')}`);
}

// Builders of the rules (catalog.ts): each computes its `allowed` text from the rule.
const make = <R extends ParameterRule>(r: Omit<R, 'allowed'>): R =>
  ({ ...r, allowed: allowedText(r as R) }) as R;

const range =
  (integer: boolean) => (fallback: number, min: Bound, max: Bound, description: string) =>
    make<NumberRule>({
      kind: 'number',
      default: String(fallback),
      description,
      min,
      max,
      integer,
      optional: false,
      absent: '',
    });

/** A number in [min, max] (bounds may depend on earlier parameters). */
export const number = range(false);

/** An integer in [min, max]. */
export const integer = range(true);

/** An integer in [min, max] or nothing (read as undefined: `absent` says what is used then). */
export const optionalInteger = (min: number, max: number, absent: string, description: string) => ({
  ...integer(min, min, max, description),
  default: '',
  optional: true as const,
  absent,
});

/** A number in [min, max] or nothing (read as undefined: `absent` says what is used then). */
export const optionalNumber = (min: number, max: number, absent: string, description: string) => ({
  ...number(min, min, max, description),
  default: '',
  optional: true as const,
  absent,
});

/** One of `choices`. */
export const choice = <const C extends string>(
  choices: readonly C[],
  fallback: C,
  description: string,
) => make<ChoiceRule<C>>({ kind: 'choice', default: fallback, description, choices });

/** A comma list of distinct names among `names`; the default is all of them. */
export const list = <const C extends string>(names: readonly C[], description: string) =>
  make<ListRule<C>>({ kind: 'list', default: names.join(','), description, names });

/** Exactly `fallback.length` comma-separated numbers in [min, max]. */
export const numbers = (
  fallback: readonly number[],
  min: number,
  max: number,
  description: string,
) =>
  make<NumbersRule>({
    kind: 'numbers',
    default: fallback.join(','),
    description,
    length: fallback.length,
    min,
    max,
  });

/** Free text of at most `maxLength` characters. */
export const text = (fallback: string, maxLength: number, description: string) =>
  make<TextRule>({ kind: 'text', default: fallback, description, maxLength });

/** A flag: present (no value, `true`) or absent (`false`). */
export const flag = (description: string) =>
  make<FlagRule>({ kind: 'flag', default: '', description });
