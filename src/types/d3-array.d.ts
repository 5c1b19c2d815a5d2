/**
 * The few functions of d3-array that src/plot uses (d3-array ships no types and
 * @types/d3-array is not installed); signatures as documented at https://d3js.org/d3-array/ticks.
 */
declare module 'd3-array' {
  /** About `count` + 1 nice values (1, 2 or 5 × 10^k steps) in [start, stop]. */
  export function ticks(start: number, stop: number, count: number): number[];
  /** The step of `ticks(start, stop, count)` (negative: its inverse, for exactness). */
  export function tickIncrement(start: number, stop: number, count: number): number;
  /** The step of `ticks(start, stop, count)`. */
  export function tickStep(start: number, stop: number, count: number): number;
  /** [start, stop] widened to multiples of the tick step. */
  export function nice(start: number, stop: number, count: number): [number, number];
}
