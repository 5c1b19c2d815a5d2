/**
 * The stylesheet of the figures: the same in a page (added to the document's head) and in
 * `<adamscope-figure>` (inside its shadow root). Class names start with `af-`.
 */
import { ensureStyle } from '../notice.ts';

export const FIGURE_CSS = `
.af-figure { --af-text: #1f2328; --af-muted: #59636e; --af-border: #d1d9e0; --af-surface: #f6f8fa;
  --af-bg: #ffffff; --af-error: #a40e26; --af-error-bg: #fff0f1;
  display: block; min-width: 0; color: var(--af-text); container-type: inline-size;
  overflow-wrap: anywhere;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
@media (prefers-color-scheme: dark) {
  .af-figure { --af-text: #e6edf3; --af-muted: #9198a1; --af-border: #3d444d; --af-surface: #151b23;
    --af-bg: #0d1117; --af-error: #ff7b72; --af-error-bg: #2d1215; color-scheme: dark; }
}
.af-figure *, .af-figure *::before, .af-figure *::after { box-sizing: border-box; }
.af-grid { display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); }
.af-panel { margin: 0; min-width: 0; }
.af-wide { grid-column: 1 / -1; }
.af-box { position: relative; width: 100%; min-height: 0; max-height: 640px; overflow: hidden; }
.af-chart { aspect-ratio: 1 / 0.55; }
@container (max-width: 479px) { .af-chart { aspect-ratio: 1; } }
.af-box > canvas { position: absolute; left: 0; top: 0; display: block; }
.af-figure figcaption, .af-caption { font-size: 12px; line-height: 1.4; color: var(--af-muted);
  padding: 4px 2px 0; overflow-wrap: anywhere; }
.af-scroll { max-width: 100%; overflow-x: auto; }
.af-figure h3 { font-size: 15px; margin: 8px 0 4px; }
.af-figure p { margin: 4px 0 8px; }
.af-verdict { font-weight: 600; }
.af-muted { color: var(--af-muted); font-size: 12px; }
.af-progress { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: 12px;
  color: var(--af-muted); }
.af-progress progress { width: 12rem; max-width: 50%; }
table.report { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
table.report th, table.report td { white-space: nowrap; overflow-wrap: normal; border: 1px solid var(--af-border); padding: 2px 6px; text-align: right; }
table.report th { background: var(--af-surface); }
table.report .af-interval { display: block; font-size: 11px; color: var(--af-muted); }
/* Report figures are redrawn at their column's width (12 px text), one or two columns. */
.af-images { display: grid; gap: 16px;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 520px), 1fr)); }
.af-images figure { margin: 0; min-width: 0; }
.af-svg { width: 100%; min-width: 0; }
.af-svg > svg { display: block; max-width: none; height: auto; }
#params { word-break: break-word; }
.af-below { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline;
  margin: 6px 0 0; font-size: 12px; }
.af-toolbar { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.af-toolbar button { font: 12px/1.2 inherit; padding: 2px 8px; border: 1px solid var(--af-border);
  border-radius: 4px; background: var(--af-surface); color: var(--af-text); cursor: pointer; }
.af-toolbar button:hover, .af-toolbar button:focus-visible { border-color: var(--af-muted); }
.af-alt { color: var(--af-muted); flex: 1 1 16rem; min-width: 0; }
.af-alt summary { cursor: pointer; }
.af-alt p { margin: 4px 0 0; }
.adamscope-error { color: var(--af-error, #a40e26); background: var(--af-error-bg, #fff0f1);
  border-left: 4px solid var(--af-error, #a40e26);
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
