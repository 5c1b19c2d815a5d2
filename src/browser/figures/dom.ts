/**
 * The DOM basics of the figures, the element and `mountFigure`: elements in the document of a
 * node, and lifetimes tied to an `AbortSignal`. Apart from layout.ts so that the embed script
 * (the element and `mountFigure`) carries only these; figures import them through layout.ts.
 */

type Tag = keyof HTMLElementTagNameMap;

/** `<tag id class>text</tag>` with `children`, in the document of `near`. */
export function el<K extends Tag>(
  near: Node,
  tag: K,
  props: { id?: string; className?: string; text?: string } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const doc = near.ownerDocument ?? (near as Document);
  const element = doc.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  element.append(...children);
  return element;
}

/** Calls `release` when `signal` aborts (at once if it already has). */
export function onAbort(signal: AbortSignal, release: () => void): void {
  if (signal.aborted) release();
  else signal.addEventListener('abort', release, { once: true });
}

/** A controller aborted with `parent` or by the figure's own `destroy()`. */
export function lifetime(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  onAbort(parent, () => controller.abort());
  return controller;
}
