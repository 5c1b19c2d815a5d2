import { ParameterError } from '../errors.ts';

/**
 * Shape checks of the engines' config objects (types only; ranges are checked field by
 * field where they are resolved). Hand-written rather than a schema library so that the
 * engines — and every figure embedded in an article — do not carry a validator: the CLI,
 * whose surface is text, uses zod schemas (src/problems/schema.ts). A mismatch throws a
 * `ParameterError` naming the field as in a library config (`cloud.count`, `x0[2]`).
 */
export type Shape =
  | 'number'
  /** A number or NaN (the range check that follows names the coordinate). */
  | 'numberOrNaN'
  | 'string'
  /** A non-empty string. */
  | 'text'
  | { kind: 'object'; fields: Record<string, Shape>; optional?: readonly string[]; loose?: boolean }
  | { kind: 'array'; element: Shape; min?: number }
  | { kind: 'union'; options: readonly Shape[] };

/** Helpers to write shapes. */
export const shape = {
  object: (
    fields: Record<string, Shape>,
    optional: readonly string[] = [],
    loose = true,
  ): Shape => ({ kind: 'object', fields, optional, loose }),
  array: (element: Shape, min = 0): Shape => ({ kind: 'array', element, min }),
  union: (...options: Shape[]): Shape => ({ kind: 'union', options }),
};

/** The rule of a shape, in words. */
export function describeShape(s: Shape): string {
  if (s === 'number' || s === 'numberOrNaN') return 'a finite number';
  if (s === 'string') return 'a string';
  if (s === 'text') return 'a non-empty string';
  if (s.kind === 'object') return `an object { ${Object.keys(s.fields).join(', ')} }`;
  if (s.kind === 'array')
    return `a list of ${describeShape(s.element).replace(/^an? /, '')}s${s.min ? ` (at least ${s.min})` : ''}`;
  return s.options.map(describeShape).join(' or ');
}

function matches(s: Shape, value: unknown): boolean {
  try {
    checkShape(s, value, 'value');
    return true;
  } catch {
    return false;
  }
}

/** Throws a `ParameterError` naming `name` (and the path inside it) when `value` is not of shape `s`. */
export function checkShape(s: Shape, value: unknown, name: string): void {
  const fail = (): never => {
    throw new ParameterError(name, value, describeShape(s));
  };
  if (s === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail();
    return;
  }
  if (s === 'numberOrNaN') {
    if (typeof value !== 'number' || (!Number.isFinite(value) && !Number.isNaN(value))) fail();
    return;
  }
  if (s === 'string' || s === 'text') {
    if (typeof value !== 'string' || (s === 'text' && value.length === 0)) fail();
    return;
  }
  if (s.kind === 'union') {
    if (!s.options.some((option) => matches(option, value))) fail();
    return;
  }
  if (s.kind === 'array') {
    if (!Array.isArray(value) || value.length < (s.min ?? 0)) fail();
    (value as unknown[]).forEach((item, i) => checkShape(s.element, item, `${name}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail();
  const record = value as Record<string, unknown>;
  for (const [field, fieldShape] of Object.entries(s.fields)) {
    const path = name === 'config' ? field : `${name}.${field}`;
    if (record[field] === undefined) {
      if (s.optional?.includes(field)) continue;
      throw new ParameterError(path, undefined, describeShape(fieldShape), { missing: true });
    }
    checkShape(fieldShape, record[field], path);
  }
  if (s.loose === false) {
    const unknown = Object.keys(record).filter((k) => !(k in s.fields));
    if (unknown.length > 0)
      throw new ParameterError(name, value, `only the fields ${Object.keys(s.fields).join(', ')}`);
  }
}
