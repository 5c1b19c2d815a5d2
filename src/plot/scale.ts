/**
 * Scales, tick values and tick labels of the charts. Tick values and "nice" domains come from
 * d3-array (`ticks`, `tickStep`, `nice`: 1, 2, 5 × 10^k steps, the code d3-scale's linear
 * scales use) and labels from the platform's `Intl.NumberFormat`; the map itself (an affine or
 * log10-affine function) is two lines, so the charts do not pull d3-scale's interpolators nor
 * d3-format's locale tables (see docs/gallery.md, "Charts"). Log axes get 10^k ticks with superscript labels and unlabelled minor ticks.
 */
import { nice, ticks as d3Ticks, tickStep as d3TickStep } from 'd3-array';

/** Maps a data interval onto a pixel interval. */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** `linear` (the default) or `log` (base 10; non-positive values map to NaN). */
  readonly type?: 'linear' | 'log';
  /** Pixel position of a data value. */
  (value: number): number;
}

/** The kind of an axis. */
export type ScaleType = 'linear' | 'log';

/** A linear map from `domain` (data units) to `range` (pixels); a zero-width domain is widened. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  let [d0, d1] = domain;
  if (!(d1 > d0)) {
    const pad = Math.abs(d0) > 0 ? Math.abs(d0) * 0.5 : 1;
    [d0, d1] = [d0 - pad, d0 + pad];
  }
  const [r0, r1] = range;
  const slope = (r1 - r0) / (d1 - d0);
  const scale = (value: number) => r0 + (value - d0) * slope;
  return Object.assign(scale, {
    domain: [d0, d1] as const,
    range: [r0, r1] as const,
    type: 'linear' as const,
  });
}

/**
 * A base-10 log map from `domain` (positive data units) to `range`; a domain that is not
 * positive or has zero width is widened to a decade around its positive end.
 */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  let [d0, d1] = domain;
  if (!(d1 > 0)) [d0, d1] = [1, 10];
  if (!(d0 > 0)) d0 = d1 / 10;
  if (!(d1 > d0)) [d0, d1] = [d0 / Math.sqrt(10), d0 * Math.sqrt(10)];
  const [r0, r1] = range;
  const l0 = Math.log10(d0);
  const slope = (r1 - r0) / (Math.log10(d1) - l0);
  const scale = (value: number) => (value > 0 ? r0 + (Math.log10(value) - l0) * slope : NaN);
  return Object.assign(scale, {
    domain: [d0, d1] as const,
    range: [r0, r1] as const,
    type: 'log' as const,
  });
}

/** A scale of `type` (see linearScale and logScale). */
export function scaleOf(
  type: ScaleType,
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  return type === 'log' ? logScale(domain, range) : linearScale(domain, range);
}

/** The step (1, 2 or 5 times a power of ten) giving about `count` ticks over [min, max]. */
export function tickStep(min: number, max: number, count: number): number {
  const step = d3TickStep(min, max, Math.max(1, count));
  return step > 0 && Number.isFinite(step) ? step : 1;
}

/** Tick values inside [min, max], multiples of a nice step; e.g. ticks(0, 1, 5) = 0, 0.2, ..., 1. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max >= min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  return d3Ticks(min, max, Math.max(1, count));
}

/** Widens [min, max] to the enclosing nice ticks, so axes start and end on a labelled value. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!(max > min)) return [min - 1, max + 1];
  return nice(min, max, count);
}

/** Decimal exponents as Unicode superscripts: 10⁻³ (readable in canvas and SVG text alike). */
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

/** `10^k` with a superscript exponent, e.g. powerOfTen(-3) = "10⁻³". */
export function powerOfTen(k: number): string {
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

/**
 * Number formats of the platform (ECMA-402 `Intl.NumberFormat`, no bytes in the bundle): at
 * most `digits` decimals, trailing zeros dropped, no grouping, a true minus sign.
 */
const FIXED = new Map<number, Intl.NumberFormat>();
function fixed(digits: number): (value: number) => string {
  let f = FIXED.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, useGrouping: false });
    FIXED.set(digits, f);
  }
  const use = f;
  return (value) => use.format(value).replace('-', '−');
}
const EXPONENT = new Intl.NumberFormat('en-US', {
  notation: 'scientific',
  maximumFractionDigits: 1,
});

/** `2.5×10⁻⁵` from Intl's scientific notation (`2.5E-5`). */
function scientific(value: number): string {
  const [mantissa = '', power = '0'] = EXPONENT.format(value).split('E');
  const k = Number(power);
  const m = mantissa.replace('-', '−');
  return m === '1' ? powerOfTen(k) : m === '−1' ? `−${powerOfTen(k)}` : `${m}×${powerOfTen(k)}`;
}

/** A short label for a tick: no float noise (0.30000000000000004), powers of ten for extremes. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return scientific(value);
  return fixed(6)(Number(value.toPrecision(6)));
}

/**
 * The label format of the ticks of [min, max] (about `count` of them): fixed decimals as
 * fine as the tick step (as d3-format's `precisionFixed`), powers of ten beyond 10⁵ or under 10⁻³.
 */
export function tickFormat(min: number, max: number, count = 5): (value: number) => string {
  const step = tickStep(min, max, count);
  const magnitude = Math.max(Math.abs(min), Math.abs(max));
  if (magnitude >= 1e5 || magnitude < 1e-3) return (v) => (v === 0 ? '0' : scientific(v));
  // As d3-format's precisionFixed(step): as many decimals as the step needs.
  const label = fixed(Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return (v) => label(Math.abs(v) < step * 1e-9 ? 0 : v);
}

/** One tick of an axis: a labelled major tick or an unlabelled minor one. */
export interface AxisTick {
  value: number;
  /** The label; absent for minor ticks. */
  label?: string;
}

/**
 * Ticks of a log10 axis over [min, max] (positive): the powers of ten (every k-th one when
 * there are more than `count`) labelled `10ᵏ`, and 2…9 × 10ᵏ as minor ticks when they are not
 * too dense. A range shorter than a decade gets the linear ticks of d3-array instead.
 */
export function logTicks(min: number, max: number, count = 5): AxisTick[] {
  if (!(min > 0) || !(max > min)) return [];
  const k0 = Math.ceil(Math.log10(min) - 1e-9);
  const k1 = Math.floor(Math.log10(max) + 1e-9);
  if (k1 < k0) {
    const label = tickFormat(min, max, count);
    return ticks(min, max, count).map((value) => ({ value, label: label(value) }));
  }
  const every = Math.max(1, Math.ceil((k1 - k0 + 1) / Math.max(1, count)));
  const out: AxisTick[] = [];
  const minors = every === 1 && k1 - k0 < 12;
  for (let k = Math.floor(Math.log10(min)); k <= k1; k++) {
    const decade = 10 ** k;
    if (k >= k0 && (k - k0) % every === 0) {
      out.push({ value: Number(decade.toPrecision(12)), label: powerOfTen(k) });
    } else if (k >= k0) out.push({ value: Number(decade.toPrecision(12)) });
    if (!minors) continue;
    for (let m = 2; m <= 9; m++) {
      const value = Number((m * decade).toPrecision(12));
      if (value >= min && value <= max) out.push({ value });
    }
  }
  return out;
}

/** Ticks of `scale` (about `count` labelled ones): linear ticks, or 10^k ticks on a log axis. */
export function axisTicks(scale: LinearScale, count = 5): AxisTick[] {
  const [d0, d1] = scale.domain;
  if (scale.type === 'log') return logTicks(d0, d1, count);
  const label = tickFormat(d0, d1, count);
  return ticks(d0, d1, count).map((value) => ({ value, label: label(value) }));
}

/** The range of a log axis widened to whole decades (at most one more on each side). */
export function niceLogDomain(min: number, max: number): [number, number] {
  if (!(max > 0)) return [1, 10];
  const low = min > 0 ? min : max / 1e3;
  const k0 = Math.floor(Math.log10(low) + 1e-9);
  let k1 = Math.ceil(Math.log10(max) - 1e-9);
  if (k1 <= k0) k1 = k0 + 1;
  return [10 ** k0, 10 ** k1];
}
