/**
 * Checks an SVG document drawn by src/plot for legends that cover data, independently of the
 * placement code: legend groups carry `data-legend` and `data-box="x y width height"`, mark
 * groups `data-mark`; a mark's polylines, polygons and rects are sampled every pixel (clipped to
 * the plot area they are drawn in) and no sample may fall inside a legend box. Used by
 * test/cpu/legendOverlap.test.ts (SVG reports) and e2e/legendOverlap.spec.ts (every figure's
 * `svg()`).
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LegendCheck {
  legends: number;
  marks: number;
  /** One line per legend that meets a mark. */
  overlaps: string[];
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const numbers = (text: string | undefined): number[] =>
  (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

function inRect(r: Rect, x: number, y: number): boolean {
  return x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height;
}

function intersect(a: Rect, b: Rect): Rect | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/** Samples of a path every pixel (and its vertices). */
function samples(points: number[], closed: boolean): [number, number][] {
  const out: [number, number][] = [];
  const n = Math.floor(points.length / 2);
  for (let i = 0; i < n - (closed ? 0 : 1); i++) {
    const j = (i + 1) % n;
    const x0 = points[2 * i] ?? 0;
    const y0 = points[2 * i + 1] ?? 0;
    const x1 = points[2 * j] ?? 0;
    const y1 = points[2 * j + 1] ?? 0;
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let s = 0; s <= steps; s++)
      out.push([x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps]);
  }
  if (n === 1) out.push([points[0] ?? 0, points[1] ?? 0]);
  return out;
}

function insidePolygon(points: number[], px: number, py: number): boolean {
  let within = false;
  const n = Math.floor(points.length / 2);
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = points[2 * i] ?? 0;
    const yi = points[2 * i + 1] ?? 0;
    const xj = points[2 * j] ?? 0;
    const yj = points[2 * j + 1] ?? 0;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) within = !within;
  }
  return within;
}

interface Mark {
  kind: string;
  clip: Rect | undefined;
  shapes: { tag: string; points: number[]; rect?: Rect }[];
}

/** Legend boxes and marks of an SVG document written by SvgSurface. */
export function parseChart(svg: string): {
  legends: { place: string; box: Rect }[];
  marks: Mark[];
} {
  const clips = new Map<string, Rect>();
  for (const m of svg.matchAll(/<clipPath id="([^"]+)"><rect ([^>]*)\/><\/clipPath>/g)) {
    const tag = ` ${m[2] ?? ''}`;
    clips.set(m[1] ?? '', {
      x: Number(attribute(tag, 'x')),
      y: Number(attribute(tag, 'y')),
      width: Number(attribute(tag, 'width')),
      height: Number(attribute(tag, 'height')),
    });
  }
  const legends: { place: string; box: Rect }[] = [];
  const marks: Mark[] = [];
  // Stack of open <g>: each entry is the clip in force and the mark it opens (if any).
  const stack: { clip: Rect | undefined; mark?: Mark }[] = [];
  for (const m of svg.matchAll(/<(\/?)(g|polyline|polygon|rect)\b([^>]*?)(\/?)>/g)) {
    const [, closing, name, rest = '', selfClosing] = m;
    const top = stack.at(-1);
    if (name === 'g') {
      if (closing) {
        stack.pop();
        continue;
      }
      const clipId = /clip-path="url\(#([^)]+)\)"/.exec(rest)?.[1];
      const clip = clipId ? clips.get(clipId) : top?.clip;
      const legend = attribute(rest, 'data-legend');
      if (legend !== undefined) {
        const [x = 0, y = 0, width = 0, height = 0] = numbers(attribute(rest, 'data-box'));
        legends.push({ place: legend, box: { x, y, width, height } });
      }
      const kind = attribute(rest, 'data-mark');
      const mark = kind === undefined ? top?.mark : { kind, clip, shapes: [] };
      if (kind !== undefined && mark) marks.push(mark);
      stack.push({ clip, ...(mark ? { mark } : {}) });
      if (selfClosing) stack.pop();
      continue;
    }
    const mark = top?.mark;
    if (!mark || closing) continue;
    if (name === 'rect') {
      const rect = {
        x: Number(attribute(rest, 'x')),
        y: Number(attribute(rest, 'y')),
        width: Number(attribute(rest, 'width')),
        height: Number(attribute(rest, 'height')),
      };
      mark.shapes.push({ tag: 'rect', points: [], rect });
    } else {
      mark.shapes.push({ tag: name ?? '', points: numbers(attribute(rest, 'points')) });
    }
  }
  return { legends, marks };
}

/**
 * Whether any legend box of `svg` meets a plotted mark (see the module comment). A document
 * of several charts (nested `<svg x y>` documents, as a figure's download stacks them) is
 * checked chart by chart, each in its own coordinates.
 */
export function checkLegends(svg: string): LegendCheck {
  const charts = [...svg.matchAll(/<svg x="[^"]*" y="[^"]*"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
  if (charts.length > 0) {
    const all = charts.map(checkChart);
    return {
      legends: all.reduce((s, c) => s + c.legends, 0),
      marks: all.reduce((s, c) => s + c.marks, 0),
      overlaps: all.flatMap((c, i) => c.overlaps.map((o) => `chart ${i + 1}: ${o}`)),
    };
  }
  return checkChart(svg);
}

function checkChart(svg: string): LegendCheck {
  const { legends, marks } = parseChart(svg);
  const overlaps: string[] = [];
  for (const legend of legends) {
    for (const mark of marks) {
      const box = mark.clip ? intersect(legend.box, mark.clip) : legend.box;
      if (!box) continue;
      const hit = mark.shapes.find((shape) => {
        if (shape.rect) return intersect(shape.rect, box) !== undefined;
        if (samples(shape.points, shape.tag === 'polygon').some(([x, y]) => inRect(box, x, y)))
          return true;
        return (
          shape.tag === 'polygon' &&
          insidePolygon(shape.points, box.x + box.width / 2, box.y + box.height / 2)
        );
      });
      if (hit) {
        overlaps.push(
          `legend (${legend.place}) at ${JSON.stringify(legend.box)} meets a ${mark.kind} mark`,
        );
      }
    }
  }
  return { legends: legends.length, marks: marks.length, overlaps };
}
