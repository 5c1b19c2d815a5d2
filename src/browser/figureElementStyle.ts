/**
 * The stylesheet of `<adamscope-figure>` itself (in its shadow root, next to those of the
 * figures and notices): the page needs no CSS.
 */
export const ELEMENT_CSS = `
:host { display: block; width: 100%; max-width: 100%; min-width: 0; box-sizing: border-box;
  margin: 1em 0; color: #1f2328; font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.frame { border: 1px solid #d1d9e0; border-radius: 8px; padding: 8px; background: #fff;
  max-width: 100%; overflow: hidden; }
.stage { position: relative; }
.poster { display: flex; flex-direction: column; justify-content: center; align-items: center;
  gap: 8px; width: 100%; padding: 16px; text-align: center; border-radius: 6px;
  background: linear-gradient(135deg, #f6f8fa, #eef3f8); color: #1f2328; }
.poster.overlay { position: absolute; inset: 0; z-index: 1; background: rgba(246, 248, 250, 0.92); }
.poster strong { font-size: 16px; }
.poster p { margin: 0; max-width: 46ch; color: #59636e; font-size: 13px; }
.poster .hint { font-size: 12px; color: #59636e; }
button { font: inherit; cursor: pointer; border: 1px solid #0072b2; color: #0072b2;
  background: #fff; border-radius: 999px; padding: 4px 14px; font-size: 13px; }
button:hover { background: #eef7fd; }
button:focus-visible { outline: 2px solid #0072b2; outline-offset: 2px; }
.poster button { font-size: 15px; padding: 8px 20px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 6px;
  font-size: 12px; color: #59636e; min-height: 24px; }
.bar [hidden] { display: none; }
.credit { margin-left: auto; overflow-wrap: anywhere; }
`;
