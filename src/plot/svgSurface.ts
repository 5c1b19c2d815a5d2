import {
  DEFAULT_THEME,
  themed,
  type DrawingSurface,
  type ShapeStyle,
  type TextStyle,
  type Theme,
} from './surface.ts';

/** Coordinates are written with two decimals: 1/100 px is below any display's resolution. */
function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Escapes the five XML special characters of a text or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shapeAttributes(style: ShapeStyle, theme: Theme): string {
  const parts = [`fill="${escapeXml(themed(theme, style.fill) ?? 'none')}"`];
  if (style.stroke !== undefined) {
    parts.push(
      `stroke="${escapeXml(themed(theme, style.stroke))}"`,
      `stroke-width="${num(style.lineWidth ?? 1)}"`,
    );
    parts.push('stroke-linejoin="round"');
    if (style.dash && style.dash.length > 0)
      parts.push(`stroke-dasharray="${style.dash.map(num).join(' ')}"`);
  }
  if (style.opacity !== undefined && style.opacity < 1)
    parts.push(`opacity="${num(style.opacity)}"`);
  return parts.join(' ');
}

const ANCHOR = { start: 'start', middle: 'middle', end: 'end' } as const;
const BASELINE = { top: 'hanging', middle: 'central', bottom: 'alphabetic' } as const;

/**
 * A drawing surface that records SVG elements; `toString()` returns a standalone SVG
 * document (no DOM needed, so it works in Node).
 *
 * @example
 * const svg = new SvgSurface(640, 360);
 * drawHistogram(svg, histogram(values, { bins: 40 }), { title: 'uniform' });
 * writeFileSync('uniform.svg', svg.toString());
 */
export class SvgSurface implements DrawingSurface {
  private readonly elements: string[] = [];
  private clipCount = 0;
  private clipOpen = false;
  /** Open groups, and how many of them were opened before the current clip. */
  private groups = 0;
  private groupsOutsideClip = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly theme: Theme = DEFAULT_THEME,
  ) {}

  rect(x: number, y: number, width: number, height: number, style: ShapeStyle): void {
    this.elements.push(
      `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" ${shapeAttributes(style, this.theme)}/>`,
    );
  }

  polyline(points: ArrayLike<number>, style: ShapeStyle, closed = false): void {
    const coordinates: string[] = [];
    for (let i = 0; i + 1 < points.length; i += 2) {
      coordinates.push(`${num(points[i] ?? 0)},${num(points[i + 1] ?? 0)}`);
    }
    if (coordinates.length === 0) return;
    const tag = closed ? 'polygon' : 'polyline';
    this.elements.push(
      `<${tag} points="${coordinates.join(' ')}" ${shapeAttributes(style, this.theme)}/>`,
    );
  }

  text(x: number, y: number, text: string, style: TextStyle): void {
    const attributes = [
      `x="${num(x)}"`,
      `y="${num(y)}"`,
      `font-size="${num(style.size ?? this.theme.fontSize)}"`,
      `fill="${escapeXml(themed(this.theme, style.color ?? this.theme.text))}"`,
      `text-anchor="${ANCHOR[style.align ?? 'start']}"`,
      `dominant-baseline="${BASELINE[style.baseline ?? 'bottom']}"`,
    ];
    if (style.bold) attributes.push('font-weight="bold"');
    if (style.rotate)
      attributes.push(`transform="rotate(${num(style.rotate)} ${num(x)} ${num(y)})"`);
    this.elements.push(`<text ${attributes.join(' ')}>${escapeXml(text)}</text>`);
  }

  clip(x: number, y: number, width: number, height: number): void {
    this.unclip();
    this.groupsOutsideClip = this.groups;
    const id = `clip${this.clipCount++}`;
    this.elements.push(
      `<clipPath id="${id}"><rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"/></clipPath>`,
      `<g clip-path="url(#${id})">`,
    );
    this.clipOpen = true;
  }

  unclip(): void {
    if (!this.clipOpen) return;
    this.closeGroups();
    this.elements.push('</g>');
    this.clipOpen = false;
  }

  group(data: Readonly<Record<string, string>>): void {
    const attributes = Object.entries(data).map(
      ([key, value]) => ` data-${key.replace(/[^a-z0-9-]/gi, '')}="${escapeXml(value)}"`,
    );
    this.elements.push(`<g${attributes.join('')}>`);
    this.groups++;
  }

  endGroup(): void {
    if (this.groups === 0) return;
    this.elements.push('</g>');
    this.groups--;
  }

  /** Closes the groups opened since the current clip (before the clip's own `</g>`). */
  private closeGroups(): void {
    while (this.groups > this.groupsOutsideClip) this.endGroup();
  }

  /** The SVG document drawn so far. */
  toString(): string {
    const close = '</g>'.repeat(this.groups + (this.clipOpen ? 1 : 0));
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${num(this.width)}" height="${num(this.height)}" ` +
      `viewBox="0 0 ${num(this.width)} ${num(this.height)}" font-family="${escapeXml(this.theme.fontFamily)}">\n` +
      this.elements.join('\n') +
      close +
      '\n</svg>\n'
    );
  }
}
