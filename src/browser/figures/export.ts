/**
 * Downloads of a figure (the toolbar of mountFigure; loaded on the first click, so the embed
 * script stays small): its SVG, a PNG rasterised from that SVG at twice its size (or, for a
 * figure without `svg()`, its first canvas), and its data as JSON and CSV.
 *
 * CSV layout (one file, no zip): comment lines `# figure: <name>` and `# <param> = <value>`
 * (the seed among them), then each table as `# table: <name>`, a header row of column names and
 * its rows, tables separated by an empty line. Readers that take `#` as a comment (pandas
 * `comment='#'`, R `comment.char`) read one table at a time; JSON holds the same data.
 */
import type { FigureData, FigureHandle } from './types.ts';

/** What a download is of. */
export type ExportKind = 'svg' | 'png' | 'csv' | 'json';

const MIME: Record<ExportKind, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  csv: 'text/csv',
  json: 'application/json',
};

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function field(value: number | string): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of `data` (layout in the module comment). */
export function dataCsv(data: FigureData): string {
  const lines = [`# figure: ${data.figure}`];
  for (const [key, value] of Object.entries(data.params)) lines.push(`# ${key} = ${value}`);
  for (const [name, columns] of Object.entries(data.tables)) {
    const names = Object.keys(columns);
    const length = Math.max(0, ...names.map((n) => columns[n]?.length ?? 0));
    lines.push('', `# table: ${name}`, names.map(field).join(','));
    for (let i = 0; i < length; i++) {
      lines.push(names.map((n) => field(columns[n]?.[i] ?? '')).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A PNG of an SVG document, drawn at `scale` times its size. */
async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: MIME.svg }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('export: no 2D context to rasterise the SVG');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('export: empty PNG'))), MIME.png),
  );
}

/** The file of a download, or an Error saying why there is none. */
export async function exportBlob(
  kind: ExportKind,
  handle: FigureHandle,
  data: () => FigureData | undefined,
  container: HTMLElement,
): Promise<Blob> {
  if (kind === 'json' || kind === 'csv') {
    const d = data();
    if (!d) throw new Error('export: this figure has no data yet');
    const text = kind === 'json' ? `${JSON.stringify(d, null, 1)}\n` : dataCsv(d);
    return new Blob([text], { type: MIME[kind] });
  }
  const svg = handle.svg?.();
  if (kind === 'svg') {
    if (!svg) throw new Error('export: this figure has no SVG');
    return new Blob([svg], { type: MIME.svg });
  }
  if (svg) return svgToPng(svg);
  const canvas = container.querySelector('canvas');
  if (!canvas) throw new Error('export: this figure has nothing to rasterise');
  return canvasBlob(canvas);
}

/** Saves `blob` as `filename` through a temporary link. */
export function save(near: Node, blob: Blob, filename: string): void {
  const doc = near.ownerDocument ?? document;
  const link = doc.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  link.style.display = 'none';
  (doc.body ?? doc.documentElement).append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
