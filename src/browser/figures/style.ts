/**
 * The stylesheet of the figures: the same in a page (added to the document's head) and in
 * `<adamscope-figure>` (inside its shadow root). Class names start with `af-`.
 */
import { ensureStyle } from '../notice.ts';

export const FIGURE_CSS = `
.af-figure { display: block; min-width: 0; color: #1f2328; container-type: inline-size;
  overflow-wrap: anywhere;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.af-figure *, .af-figure *::before, .af-figure *::after { box-sizing: border-box; }
.af-grid { display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); }
.af-panel { margin: 0; min-width: 0; }
.af-box { position: relative; width: 100%; min-height: 0; max-height: 640px; overflow: hidden; }
.af-chart { aspect-ratio: 1 / 0.55; }
@container (max-width: 479px) { .af-chart { aspect-ratio: 1; } }
.af-box > canvas { position: absolute; left: 0; top: 0; display: block; }
.af-figure figcaption, .af-caption { font-size: 12px; line-height: 1.4; color: #59636e;
  padding: 4px 2px 0; overflow-wrap: anywhere; }
.af-scroll { max-width: 100%; overflow-x: auto; }
.af-figure h3 { font-size: 15px; margin: 8px 0 4px; }
.af-figure p { margin: 4px 0 8px; }
.af-verdict { font-weight: 600; }
.af-muted { color: #59636e; font-size: 12px; }
.af-progress { display: flex; gap: 8px; align-items: center; font-size: 12px; color: #59636e; }
.af-progress progress { width: 12rem; max-width: 50%; }
table.report { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
table.report th, table.report td { white-space: nowrap; overflow-wrap: normal; border: 1px solid #d1d9e0; padding: 2px 6px; text-align: right; }
table.report th { background: #f6f8fa; }
.af-images { display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 660px), 1fr)); }
.af-images figure { margin: 0; min-width: 0; }
/* SVG figures are 720 px wide with 12 px text: never scaled below 11 px text (scroll instead). */
.af-images img { display: block; width: 100%; max-width: 720px; min-width: 660px; height: auto; }
.adamscope-error { color: #a40e26; background: #fff0f1; border-left: 4px solid #a40e26;
  padding: 8px 12px; margin: 8px 0; white-space: pre-wrap; overflow-wrap: anywhere;
  font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.af-scrubber { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0 0;
  font-size: 12px; color: #59636e; }
.af-scrubber label { display: flex; gap: 6px; align-items: center; flex: 1 1 14rem; }
.af-scrubber input { flex: 1; min-width: 8rem; }
.af-scrubber output { min-width: 6rem; font-variant-numeric: tabular-nums; }
`;

/** Adds the figure stylesheet to the document or shadow root that holds `node`. */
export function ensureFigureStyle(node: Node): void {
  ensureStyle(node, 'adamscope-figure-style', FIGURE_CSS);
}
