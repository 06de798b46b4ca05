/** Small DOM helpers, so UI modules stay about behaviour rather than element plumbing. */

/** The element with `id`, typed; throws when the page skeleton lacks it. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const el = document.getElementById(id);
  if (!(el instanceof type))
    throw new Error(`The viewer page has no <${type.name}> #${id}; rebuild the viewer.`);
  return el;
}

/** Creates an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Shows `text` in a status line; `error` styles it as a failure. Empty text hides it. */
export function setStatus(node: HTMLElement, text: string, { error = false } = {}): void {
  node.textContent = text;
  node.classList.toggle('error', error);
}
