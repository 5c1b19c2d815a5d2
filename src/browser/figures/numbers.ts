/**
 * Number formats and small measurements of the figures' captions: values in scientific
 * notation with a real exponent (`2.0 × 10⁻⁴`, never `0.0e+0`), and the first time a curve
 * falls to a level.
 */
const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * `value` with two significant digits: plain between 0.01 and 10,000 (`0.25`, `1,200`),
 * otherwise `m × 10ᵏ` (`2.0 × 10⁻⁴`); exactly 0 is `0`, and the sign is a real minus.
 */
export function sci(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const size = Math.abs(value);
  if (size >= 0.01 && size < 1e4)
    return Number(value.toPrecision(2)).toLocaleString('en-US').replace('-', '−');
  const [mantissa = '', exponent = ''] = value.toExponential(1).split('e');
  const power = String(Number(exponent))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${mantissa.replace('-', '−')} × 10${power}`;
}

/**
 * The first time at which `values` (sampled at `times`) is at most `level`, linearly
 * interpolated between samples; undefined when it never is.
 */
export function firstTimeAtMost(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  level: number,
): number | undefined {
  for (let k = 0; k < values.length; k++) {
    const v = values[k] ?? Infinity;
    if (v > level) continue;
    if (k === 0) return times[0];
    const t0 = times[k - 1] ?? 0;
    const t1 = times[k] ?? 0;
    const v0 = values[k - 1] ?? v;
    return v0 === v ? t1 : t0 + ((v0 - level) / (v0 - v)) * (t1 - t0);
  }
  return undefined;
}
