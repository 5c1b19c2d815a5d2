/**
 * Reading a figure's parameters (raw strings from a URL or from attributes). An invalid value
 * never stops the figure: the default is used and a notice names the parameter, its value and
 * what is allowed.
 */
import { ParameterError } from '../../errors.ts';
import type { FigureContext } from './types.ts';

/** Reads typed values from raw strings and collects what had to fall back to a default. */
export class ParameterReader {
  /** One line per parameter that fell back to its default. */
  readonly problems: string[] = [];

  constructor(private readonly raw: Readonly<Record<string, string>>) {}

  /** The raw value, or undefined when absent or empty. */
  get(name: string): string | undefined {
    const value = this.raw[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** True when the parameter is present (a flag such as `paused`, any value). */
  flag(name: string): boolean {
    return Object.hasOwn(this.raw, name) && this.raw[name] !== 'false';
  }

  /** A number in [min, max] (an integer with `integer`); the default is clamped to the range. */
  number(
    name: string,
    fallback: number,
    min: number,
    max: number,
    options: { integer?: boolean } = {},
  ): number {
    const safe = Math.min(max, Math.max(min, fallback));
    const raw = this.get(name);
    if (raw === undefined) return safe;
    const value = Number(raw);
    const integer = options.integer ?? false;
    if (value >= min && value <= max && (!integer || Number.isInteger(value))) return value;
    const allowed = `${integer ? 'an integer in ' : ''}[${format(min)}, ${format(max)}]`;
    return this.fallBack(name, raw, allowed, safe);
  }

  /** One of `allowed` (compared as strings). */
  choice<T extends string | number>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const found = allowed.find((value) => String(value) === raw);
    return found ?? this.fallBack(name, raw, allowed.join(', '), fallback);
  }

  /** A comma list of `count` finite numbers, e.g. `x0=0,0`. */
  numbers(name: string, fallback: number[], count: number): number[] {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const values = raw.split(',').map(Number);
    if (values.length === count && values.every(Number.isFinite)) return values;
    return this.fallBack(name, raw, `${count} numbers, e.g. ${fallback.join(',')}`, fallback);
  }

  /** A free string (a seed). */
  string(name: string, fallback: string): string {
    return this.get(name) ?? fallback;
  }

  /** Records an invalid value and returns `fallback`. */
  fallBack<T>(name: string, raw: unknown, allowed: string, fallback: T): T {
    const error = new ParameterError(name, raw, allowed);
    const used = Array.isArray(fallback) ? fallback.join(',') : String(fallback);
    this.problems.push(`${error.message}; using the default ${name} = ${used}`);
    return fallback;
  }

  /** Shows one notice per invalid parameter. */
  report(context: Pick<FigureContext, 'notice'>): void {
    for (const line of this.problems) context.notice(line, 'warning');
  }
}

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
