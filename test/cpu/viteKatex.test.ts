import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { countTex, decodeTex, katexPlugin, renderTex, TexError } from '../../scripts/vite-katex.ts';

/**
 * The Vite plugin that typesets the pages' formulas at build time (scripts/vite-katex.ts):
 * the transform itself, its errors, every page of the gallery, and a build of one page
 * (nothing of KaTeX's parser in the page's JavaScript; its CSS and fonts in the assets).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const DEMOS = resolve(ROOT, 'demos');

describe('renderTex', () => {
  it('renders inline spans and display divs into static KaTeX HTML with MathML', () => {
    const html =
      '<p>Step <span class="tex">\\gamma</span>:</p>\n<div class="tex">x_{n+1} = x_n - \\gamma\\, \\frac{m}{\\sqrt{v}}</div>';
    const out = renderTex(html, 'demo.html');
    expect(out).toContain('<span class="tex tex-rendered"><span class="katex">');
    expect(out).toContain('<div class="tex tex-rendered"><span class="katex-display">');
    expect(out).toContain('<math');
    expect(out).toContain('<annotation encoding="application/x-tex">\\gamma</annotation>');
    expect(out).not.toMatch(/class="tex">\\gamma/);
    expect(countTex(html)).toBe(2);
  });

  it('keeps other attributes and classes, and leaves other elements alone', () => {
    const html =
      '<span id="a" class="muted tex" title="t">a^2</span><span class="text">b^2</span><div class="texture">c</div>';
    const out = renderTex(html, 'demo.html');
    expect(out).toMatch(
      /^<span id="a" class="muted tex tex-rendered" title="t"><span class="katex">/,
    );
    expect(out).toContain('<span class="text">b^2</span><div class="texture">c</div>');
  });

  it('reads tags split over lines, as Prettier writes them', () => {
    const out = renderTex('<p><span class="tex"\n    >x^2</span\n  > and</p>', 'demo.html');
    expect(out).toMatch(/^<p><span class="tex tex-rendered"\n {4}><span class="katex">/);
    expect(out).toMatch(/<\/span> and<\/p>$/);
  });

  it('decodes the HTML entities of the source (<, >, &) before KaTeX reads it', () => {
    expect(decodeTex(' b &lt;= 4a &amp;&amp; x &gt; 0 &#39;&#x3b3; ')).toBe("b <= 4a && x > 0 'γ");
    const out = renderTex('<span class="tex">b \\le 4a,\\ t &gt; 0</span>', 'demo.html');
    expect(out).toContain(
      '<annotation encoding="application/x-tex">b \\le 4a,\\ t &gt; 0</annotation>',
    );
  });

  it('accepts Unicode letters in formulas', () => {
    expect(() => renderTex('<span class="tex">γ ≤ 1</span>', 'demo.html')).not.toThrow();
  });

  it('fails with an error naming the file and the formula', () => {
    const html = '<p><span class="tex">\\frac{1}{2</span></p>';
    expect(() => renderTex(html, 'demos/broken.html')).toThrow(TexError);
    expect(() => renderTex(html, 'demos/broken.html')).toThrow(
      /demos\/broken\.html: cannot typeset the formula "\\frac\{1\}\{2": KaTeX parse error/,
    );
    expect(() => renderTex('<span class="tex">\\notacommand x</span>', 'p.html')).toThrow(
      /p\.html: .*"\\notacommand x".*Undefined control sequence/,
    );
  });

  it('typesets every formula of every gallery page', () => {
    const pages = readdirSync(DEMOS).filter((name) => name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(3);
    for (const name of pages) {
      const html = readFileSync(resolve(DEMOS, name), 'utf8');
      const out = renderTex(html, name);
      expect(out.match(/class="katex"/g)?.length ?? 0, name).toBe(countTex(html));
    }
  });

  it('links the KaTeX stylesheet into pages with formulas only (the plugin hook)', () => {
    const plugin = katexPlugin();
    const hook = plugin.transformIndexHtml;
    const handler = typeof hook === 'object' && hook && 'handler' in hook ? hook.handler : hook;
    expect(typeof handler).toBe('function');
    const run = handler as (html: string, context: { filename: string }) => string;
    const withTex = run('<head></head><body><span class="tex">x</span></body>', {
      filename: 'a.html',
    });
    expect(withTex).toContain('<link rel="stylesheet" href="./shared/katex.css" />');
    expect(run('<head></head><body>x</body>', { filename: 'b.html' })).toBe(
      '<head></head><body>x</body>',
    );
  });
});

describe('gallery build with the plugin', () => {
  it('puts static formulas, KaTeX CSS and fonts in the page, and no KaTeX code in its scripts', async () => {
    const result = await build({
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      build: {
        write: false,
        rollupOptions: { input: { debiasing: resolve(DEMOS, 'debiasing.html') } },
      },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
    const files = outputs.flatMap((o) => o.output);
    const text = (f: Rollup.OutputChunk | Rollup.OutputAsset) =>
      f.type === 'chunk' ? f.code : typeof f.source === 'string' ? f.source : '';
    const html = files.find((f) => f.fileName.endsWith('debiasing.html'));
    expect(html && text(html)).toContain('class="katex"');
    const css = files
      .filter((f) => f.fileName.endsWith('.css'))
      .map(text)
      .join('\n');
    expect(css).toContain('.katex');
    expect(files.some((f) => /KaTeX_Main-Regular.*\.woff2$/.test(f.fileName))).toBe(true);
    const scripts = files.filter((f) => f.type === 'chunk');
    expect(scripts.length).toBeGreaterThan(0);
    for (const chunk of scripts) {
      expect(text(chunk), chunk.fileName).not.toContain('KaTeX parse error');
      expect(text(chunk), chunk.fileName).not.toContain('ParseError');
      expect(text(chunk), chunk.fileName).not.toContain('renderToString');
    }
  }, 240_000);
});
