import { z } from 'zod';
import { formatValue, ParameterError } from '../errors.ts';

/**
 * Schemas as the single source of the rules of a surface (the CLI's flat configs, the
 * library's configs, the experiments' parameters): the rule text of a field ("a number > 0",
 * "an integer in [1, 64]") for messages and help, its default, and the conversion of a zod
 * issue into the one error type every surface throws, `ParameterError`.
 */

/** JSON Schema of one field (what zod's toJSONSchema gives). */
interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  default?: unknown;
  description?: string;
}

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

function numberRule(js: JsonSchema): string {
  const kind = js.type === 'integer' ? 'an integer' : 'a number';
  const lo =
    js.exclusiveMinimum !== undefined
      ? { v: js.exclusiveMinimum, closed: false }
      : js.minimum !== undefined && js.minimum > -UNBOUNDED
        ? { v: js.minimum, closed: true }
        : undefined;
  const hi =
    js.exclusiveMaximum !== undefined
      ? { v: js.exclusiveMaximum, closed: false }
      : js.maximum !== undefined && js.maximum < UNBOUNDED
        ? { v: js.maximum, closed: true }
        : undefined;
  if (lo && hi)
    return `${kind} in ${lo.closed ? '[' : '('}${lo.v}, ${hi.v}${hi.closed ? ']' : ')'}`;
  if (lo) return `${kind} ${lo.closed ? '≥' : '>'} ${lo.v}`;
  if (hi) return `${kind} ${hi.closed ? '≤' : '<'} ${hi.v}`;
  return kind === 'a number' ? 'a finite number' : kind;
}

function plural(rule: string): string {
  return rule
    .replace(/^a finite number/, 'finite numbers')
    .replace(/^a number/, 'numbers')
    .replace(/^an integer/, 'integers')
    .replace(/^one of /, 'names from ')
    .replace(/^a non-empty string/, 'non-empty strings')
    .replace(/^a string/, 'strings');
}

function ruleOfJson(js: JsonSchema): string {
  if (js.anyOf) return [...new Set(js.anyOf.map(ruleOfJson))].join(', or ');
  if (js.enum) return `one of ${js.enum.map(String).join('|')}`;
  if (js.const !== undefined) return JSON.stringify(js.const);
  switch (js.type) {
    case 'integer':
    case 'number':
      return numberRule(js);
    case 'string':
      return js.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = js.items ? plural(ruleOfJson(js.items)) : 'values';
      const count =
        js.minItems !== undefined && js.maxItems !== undefined
          ? js.minItems === js.maxItems
            ? ` (exactly ${js.minItems})`
            : ` (${js.minItems} to ${js.maxItems})`
          : js.minItems !== undefined && js.minItems > 0
            ? ` (at least ${js.minItems})`
            : js.maxItems !== undefined
              ? ` (at most ${js.maxItems})`
              : '';
      return `a comma list of ${items}${count}`;
    }
    default:
      return 'a value of the documented type';
  }
}

/** The rule of a field, in words: `a number > 0`, `an integer in [1, 65536]`, `one of a|b`. */
export function describeRule(schema: z.ZodType): string {
  return ruleOfJson(jsonSchemaOf(schema));
}

/** The default of a field (undefined when it has none). */
export function defaultOf(schema: z.ZodType): unknown {
  return jsonSchemaOf(schema).default;
}

/** The field schemas of an object schema (`.strict()` or not). */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape ?? {};
}

/** How a surface names the fields in messages. */
export interface FieldNaming {
  /** The name of a field for a message, e.g. `--record-every` or `"recordEvery" in run.json`. */
  name(path: readonly PropertyKey[]): string;
  /** The text the user typed for a top-level field, when it came from text. */
  typed?(field: string): string | undefined;
  /** Where unknown fields come from, e.g. `run.json` (for `unknown field(s) ...`). */
  source?: string;
  /** Name the top-level field (a flag) with its whole value, rather than the element. */
  wholeField?: boolean;
}

/** Field names as written in a library config: `cloud.count`, `x0[2]`. */
export const LIBRARY_NAMING: FieldNaming = {
  name: (path) =>
    path
      .map((key, i) =>
        typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
      )
      .join('') || 'config',
};

/**
 * Validates `data` with `schema`; the first issue becomes a `ParameterError` naming the field
 * (through `naming`), the value (the typed text when there is one) and the rule of the field.
 */
export function parseWithSchema<T extends z.ZodType>(
  schema: T,
  data: unknown,
  naming: FieldNaming = LIBRARY_NAMING,
): z.infer<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw issueError(schema, data, result.error.issues, naming);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The schema of the field at `path` (descending objects, arrays, optionals, defaults, unions). */
function fieldSchema(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    if (!current) return undefined;
    if (typeof key === 'number') {
      const element = (current as unknown as { element?: z.ZodType }).element;
      if (element) current = element;
      else return current;
    } else {
      const shape = shapeOf(current);
      current = shape[String(key)];
    }
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (let i = 0; i < 8 && current; i++) {
    const def = (current as unknown as { def?: { type?: string; innerType?: z.ZodType } }).def;
    if (def && (def.type === 'optional' || def.type === 'default' || def.type === 'nullable'))
      current = def.innerType;
    else break;
  }
  return current;
}

type Issue = z.core.$ZodIssue;

function issueError(
  schema: z.ZodType,
  data: unknown,
  issues: readonly Issue[],
  naming: FieldNaming,
): ParameterError {
  const issue = issues[0];
  if (!issue) return new ParameterError('config', data, 'a valid configuration');
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(shapeOf(unwrap(fieldSchema(schema, issue.path)) ?? schema));
    const where = issue.path.length ? naming.name(issue.path) : (naming.source ?? 'config');
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return new ParameterError(where, issue.keys, `known fields: ${allowed.join(', ')}`, {
      message: `invalid ${where}: unknown field(s) ${keys}; allowed: ${allowed.join(', ')}`,
    });
  }
  const top = issue.path[0];
  const value = valueAt(data, issue.path);
  if (!naming.wholeField) {
    // Library configs: the exact path (`x0[5]`), its value and the rule of that element.
    const element = fieldSchema(schema, issue.path);
    const rule = issue.code === 'custom' || !element ? issue.message : describeRule(element);
    const name = naming.name(issue.path);
    return value === undefined
      ? new ParameterError(name, undefined, rule, { missing: true })
      : new ParameterError(name, value, rule);
  }
  // The rule of the whole top-level field (a flag), or of the element for nested paths.
  const field =
    fieldSchema(schema, typeof top === 'string' ? [top] : []) ?? fieldSchema(schema, issue.path);
  const base = issue.code === 'custom' || !field ? issue.message : describeRule(field);
  // The whole field is named and shown (as the user wrote it); a deeper issue says where.
  const topValue = typeof top === 'string' ? valueAt(data, [top]) : value;
  const where =
    issue.path.length > 1 && issue.code !== 'custom'
      ? ` (${issue.path
          .slice(1)
          .map((k) => (typeof k === 'number' ? `item ${k + 1}` : String(k)))
          .join(', ')} is ${formatValue(value)})`
      : '';
  const rule = base + where;
  const typed = typeof top === 'string' && issue.path.length ? naming.typed?.(top) : undefined;
  const name = typeof top === 'string' ? naming.name([top]) : naming.name(issue.path);
  if (topValue === undefined && typed === undefined)
    return new ParameterError(name, undefined, base, { missing: true });
  if (typed !== undefined) return new ParameterError(name, topValue, rule, { typed });
  return new ParameterError(name, topValue, rule);
}
