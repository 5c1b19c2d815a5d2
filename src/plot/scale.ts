/** Linear scales and "nice" tick values (1, 2, 5 times a power of ten). */

/** Maps a data interval onto a pixel interval. */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  /** Pixel position of a data value. */
  (value: number): number;
}

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
  return Object.assign(scale, { domain: [d0, d1] as const, range: [r0, r1] as const });
}

/** The step (1, 2 or 5 times a power of ten) giving about `count` ticks over [min, max]. */
export function tickStep(min: number, max: number, count: number): number {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  // Thresholds at the geometric means (sqrt 2, sqrt 10, sqrt 50), as in d3-array's ticks.
  const factor =
    ratio >= Math.SQRT2 * 5 ? 10 : ratio >= Math.sqrt(10) ? 5 : ratio >= Math.SQRT2 ? 2 : 1;
  return factor * power;
}

/** Tick values inside [min, max], multiples of a nice step; e.g. ticks(0, 1, 5) = 0, 0.2, ..., 1. */
export function ticks(min: number, max: number, count = 5): number[] {
  const step = tickStep(min, max, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(Number((k * step).toPrecision(12)));
  return values;
}

/** Widens [min, max] to the enclosing nice ticks, so axes start and end on a labelled value. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (!(max > min)) return [min - 1, max + 1];
  const step = tickStep(min, max, count);
  return [Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step];
}

/** A short label for a tick: no float noise (0.30000000000000004), exponents for extremes. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) {
    return value.toExponential(1).replace(/\.0e/, 'e').replace('e+', 'e');
  }
  return String(Number(value.toPrecision(6)));
}
