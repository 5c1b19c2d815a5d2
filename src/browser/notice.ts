/**
 * Visible notices: a fallback to the CPU backend, or a software adapter, is always shown on
 * the page, never only in the console.
 */

/**
 * CSS injected once per document or shadow root with its first notice, so an embedding article
 * needs no stylesheet and notices inside `<adamscope-figure>` are styled too.
 */
export const NOTICE_CSS = `
.adamscope-notice { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid #e69f00;
  background: #fff8e6; color: #3d2b00; font: 14px/1.4 system-ui, sans-serif; border-radius: 4px; }
.adamscope-notice[data-level="info"] { border-color: #56b4e9; background: #eef7fd; color: #0b2e44; }
`;

/** Adds `css` to the root of `node` (the document's head, or its shadow root) unless present. */
export function ensureStyle(node: Node, id: string, css: string): void {
  const root = node.getRootNode();
  const doc = node.ownerDocument ?? document;
  const isShadow = root !== doc && root.nodeType === Node.DOCUMENT_FRAGMENT_NODE;
  const target = isShadow ? (root as ShadowRoot) : doc.head;
  if (target.querySelector(`style#${id}`)) return;
  const style = doc.createElement('style');
  style.id = id;
  style.textContent = css;
  target.prepend(style);
}

/**
 * Shows `message` in `container` (prepended) and returns the element.
 *
 * @example
 * const backend = await openBrowserBackend();
 * for (const line of backend.notices) showNotice(document.body, line);
 */
export function showNotice(
  container: HTMLElement,
  message: string,
  level: 'warning' | 'info' = 'warning',
): HTMLElement {
  const doc = container.ownerDocument;
  ensureStyle(container, 'adamscope-notice-style', NOTICE_CSS);
  const element = doc.createElement('div');
  element.className = 'adamscope-notice';
  element.dataset['level'] = level;
  element.setAttribute('role', level === 'warning' ? 'alert' : 'status');
  element.textContent = message;
  container.prepend(element);
  return element;
}
