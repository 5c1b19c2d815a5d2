/**
 * Level sets of a function of two variables by marching squares on a grid: the contour
 * lines of F drawn under the particle cloud. Works for any 2-D problem (its `value`).
 */

/** Line segments [x0, y0, x1, y1, ...] in data coordinates of the level set {f = level}. */
export function contourSegments(
  f: (x: number, y: number) => number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  level: number,
  cells = 96,
): number[] {
  return contourSegmentsOn(gridValues(f, xDomain, yDomain, cells), xDomain, yDomain, level, cells);
}

/** f on the (cells + 1)² corners of the grid, row by row (one evaluation for all levels). */
export function gridValues(
  f: (x: number, y: number) => number,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  cells = 96,
): Float64Array {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const dx = (x1 - x0) / cells;
  const dy = (y1 - y0) / cells;
  const values = new Float64Array((cells + 1) * (cells + 1));
  for (let j = 0; j <= cells; j++)
    for (let i = 0; i <= cells; i++) values[j * (cells + 1) + i] = f(x0 + i * dx, y0 + j * dy);
  return values;
}

/** Corner k of a cell, counter-clockwise: (0, 0), (1, 0), (1, 1), (0, 1). */
const cornerI = (k: number) => (k === 1 || k === 2 ? 1 : 0);
const cornerJ = (k: number) => (k >= 2 ? 1 : 0);

/**
 * The segments of `contourSegments` from the grid's `values` (`gridValues`): marching squares
 * without allocating per cell, so that a figure's 14 levels cost one grid of evaluations.
 */
export function contourSegmentsOn(
  values: Float64Array,
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  level: number,
  cells = 96,
): number[] {
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const dx = (x1 - x0) / cells;
  const dy = (y1 - y0) / cells;
  const at = (i: number, j: number) => values[j * (cells + 1) + i] ?? NaN;
  const segments: number[] = [];
  const crossings = new Float64Array(8);
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      let count = 0;
      for (let k = 0; k < 4; k++) {
        const ia = i + cornerI(k);
        const ja = j + cornerJ(k);
        const ib = i + cornerI((k + 1) & 3);
        const jb = j + cornerJ((k + 1) & 3);
        const va = at(ia, ja);
        const vb = at(ib, jb);
        if (va < level !== vb < level && Number.isFinite(va) && Number.isFinite(vb)) {
          const s = (level - va) / (vb - va);
          crossings[count++] = x0 + (ia + s * (ib - ia)) * dx;
          crossings[count++] = y0 + (ja + s * (jb - ja)) * dy;
        }
      }
      // Two crossings: one segment; four (saddle cell): pair them in order.
      for (let c = 0; c + 3 < count; c += 4)
        segments.push(
          crossings[c] ?? NaN,
          crossings[c + 1] ?? NaN,
          crossings[c + 2] ?? NaN,
          crossings[c + 3] ?? NaN,
        );
    }
  }
  return segments;
}

/** `count` levels between the minimum `low` and `high`, spaced so quadratic bowls look even. */
export function contourLevels(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => low + (high - low) * ((k + 1) / count) ** 2);
}
