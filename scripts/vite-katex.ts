/**
 * Formulas of the gallery pages, typeset at build time: every `<span class="tex">…</span>`
 * (inline) and `<div class="tex">…</div>` (display) of a demos/*.html page is rendered by
 * `katex.renderToString` into static HTML (with MathML for screen readers), at dev-server and
 * build time, and the page gets KaTeX's stylesheet (its fonts are bundled by Vite). No KaTeX
 * code reaches the browser. A TeX error fails the build (or shows Vite's error overlay in dev)
 * with the file and the formula.
 *
 * In the page source, `<`, `>` and `&` inside a formula are written as HTML entities
 * (`&lt;`, `&gt;`, `&amp;`); they are decoded before KaTeX reads the TeX.
 */
import katex from 'katex';
import type { Plugin } from 'vite';

/**
 * A `<span>` or `<div>` whose class list has `tex`, and its content (no nested tag of its kind);
 * the tags may be split over lines (`<span class="tex"\n>…</span\n>`, as Prettier writes them).
 */
const TEX_ELEMENT =
  /<(span|div)(\s[^>]*?)?\sclass="((?:[^"]*\s)?tex(?:\s[^"]*)?)"([^>]*)>([\s\S]*?)<\/\1\s*>/g;

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

/** The TeX source of an element's content: entities decoded, surrounding space trimmed. */
export function decodeTex(content: string): string {
  return content
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
      return ENTITIES[lower] ?? whole;
    })
    .trim();
}

/** An error in a formula of a page: names the file and the formula. */
export class TexError extends Error {
  constructor(
    readonly file: string,
    readonly tex: string,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${file}: cannot typeset the formula "${tex}": ${why}`);
    this.name = 'TexError';
  }
}

/** How many formulas `html` has. */
export function countTex(html: string): number {
  return [...html.matchAll(TEX_ELEMENT)].length;
}

/**
 * `html` with every tex element's content replaced by KaTeX's HTML (display mode for `<div>`);
 * the element and its attributes stay (its class gets `tex-rendered`). Throws a `TexError`
 * naming `file` and the formula when KaTeX cannot parse one.
 */
export function renderTex(html: string, file: string): string {
  return html.replace(
    TEX_ELEMENT,
    (_whole, tag: string, before = '', classes: string, after: string, content: string) => {
      const tex = decodeTex(content);
      let rendered: string;
      try {
        rendered = katex.renderToString(tex, {
          displayMode: tag === 'div',
          throwOnError: true,
          output: 'htmlAndMathml',
          // Unicode letters (γ, ≤) in formulas are fine; other strictness problems are errors.
          strict: (code: string) => (code === 'unicodeTextInMathMode' ? 'ignore' : 'error'),
        });
      } catch (error) {
        throw new TexError(file, tex, error);
      }
      return `<${tag}${before} class="${classes} tex-rendered"${after}>${rendered}</${tag}>`;
    },
  );
}

/**
 * The stylesheet a page with formulas links (relative to demos/): it imports KaTeX's CSS from
 * the package, so that Vite bundles it and its fonts with the gallery.
 */
export const KATEX_STYLESHEET = './shared/katex.css';

/**
 * The Vite plugin: typesets the formulas of every HTML page (`transformIndexHtml`, before
 * Vite reads the page's assets) and links KaTeX's stylesheet into the pages that have any.
 */
export function katexPlugin(): Plugin {
  return {
    name: 'adamscope:katex',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        if (countTex(html) === 0) return html;
        const file = context.filename;
        const rendered = renderTex(html, file);
        const link = `<link rel="stylesheet" href="${KATEX_STYLESHEET}" />`;
        return rendered.replace(/<\/head>/i, `    ${link}\n  </head>`);
      },
    },
  };
}
