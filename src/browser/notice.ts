/**
 * Visible notices: a fallback to the CPU backend, or a software adapter, is always shown on
 * the page, never only in the console.
 */

/** CSS injected once with the first notice, so an embedding article needs no stylesheet. */
const NOTICE_CSS = `
.adamscope-notice { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid #e69f00;
  background: #fff8e6; color: #3d2b00; font: 14px/1.4 system-ui, sans-serif; border-radius: 4px; }
.adamscope-notice[data-level="info"] { border-color: #56b4e9; background: #eef7fd; color: #0b2e44; }
`;

function ensureStyle(doc: Document): void {
  if (doc.getElementById('adamscope-notice-style')) return;
  const style = doc.createElement('style');
  style.id = 'adamscope-notice-style';
  style.textContent = NOTICE_CSS;
  doc.head.append(style);
}

/**
 * Shows `message` in `container` (prepended) and returns the element.
 *
 * @example
 * const backend = await openBrowserRuntime();
 * for (const line of backend.notices) showNotice(document.body, line);
 */
export function showNotice(
  container: HTMLElement,
  message: string,
  level: 'warning' | 'info' = 'warning',
): HTMLElement {
  const doc = container.ownerDocument;
  ensureStyle(doc);
  const element = doc.createElement('div');
  element.className = 'adamscope-notice';
  element.dataset['level'] = level;
  element.setAttribute('role', level === 'warning' ? 'alert' : 'status');
  element.textContent = message;
  container.prepend(element);
  return element;
}
