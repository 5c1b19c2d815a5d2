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
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const dx = (x1 - x0) / cells;
  const dy = (y1 - y0) / cells;
  const values = new Float64Array((cells + 1) * (cells + 1));
  for (let j = 0; j <= cells; j++)
    for (let i = 0; i <= cells; i++) values[j * (cells + 1) + i] = f(x0 + i * dx, y0 + j * dy);
  const at = (i: number, j: number) => values[j * (cells + 1) + i] ?? NaN;
  const segments: number[] = [];
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      // Corners counter-clockwise: (i, j), (i+1, j), (i+1, j+1), (i, j+1).
      const corners: [number, number, number][] = [
        [i, j, at(i, j)],
        [i + 1, j, at(i + 1, j)],
        [i + 1, j + 1, at(i + 1, j + 1)],
        [i, j + 1, at(i, j + 1)],
      ];
      const crossings: number[] = [];
      for (let k = 0; k < 4; k++) {
        const [ia, ja, va] = corners[k] ?? [0, 0, NaN];
        const [ib, jb, vb] = corners[(k + 1) % 4] ?? [0, 0, NaN];
        if (va < level !== vb < level && Number.isFinite(va) && Number.isFinite(vb)) {
          const s = (level - va) / (vb - va);
          crossings.push(x0 + (ia + s * (ib - ia)) * dx, y0 + (ja + s * (jb - ja)) * dy);
        }
      }
      // Two crossings: one segment; four (saddle cell): pair them in order.
      for (let c = 0; c + 3 < crossings.length; c += 4) segments.push(...crossings.slice(c, c + 4));
    }
  }
  return segments;
}

/** `count` levels between the minimum `low` and `high`, spaced so quadratic bowls look even. */
export function contourLevels(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => low + (high - low) * ((k + 1) / count) ** 2);
}
