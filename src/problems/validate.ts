import { ParameterError } from '../errors.ts';

/** Parameter checks that throw a `ParameterError` naming the parameter, value and range. */

export function requirePositive(name: string, value: number): number {
  if (!Number.isFinite(value) || !(value > 0)) throw new ParameterError(name, value, '(0, ∞)');
  return value;
}

export function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || !(value >= 0)) throw new ParameterError(name, value, '[0, ∞)');
  return value;
}

export function requireFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new ParameterError(name, value, 'a finite number');
  return value;
}

/** `lower < value < upper` (open), or closed at an end when asked. */
export function requireInterval(
  name: string,
  value: number,
  lower: number,
  upper: number,
  closed: { lower?: boolean; upper?: boolean } = {},
): number {
  const aboveLower = closed.lower ? value >= lower : value > lower;
  const belowUpper = closed.upper ? value <= upper : value < upper;
  if (!Number.isFinite(value) || !aboveLower || !belowUpper) {
    const range = `${closed.lower ? '[' : '('}${lower}, ${upper}${closed.upper ? ']' : ')'}`;
    throw new ParameterError(name, value, range);
  }
  return value;
}

/** An integer in [lower, upper]. */
export function requireInteger(name: string, value: number, lower: number, upper: number): number {
  if (!Number.isInteger(value) || value < lower || value > upper) {
    throw new ParameterError(name, value, `an integer in [${lower}, ${upper}]`);
  }
  return value;
}

/** Largest dimension a problem accepts (a trajectory's state must fit one storage binding). */
export const MAX_DIMENSION = 1 << 24;
