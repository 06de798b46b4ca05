/** Finding a clicked element's selector in the backdrop document, as boxes in document px. */

/** A box on the page, document px at the reference width. */
export interface DocRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a selector's elements are in `doc` (at most 50); none when it matches nothing or cannot be parsed. */
export function locate(doc: Document | null, selector: string): DocRect[] {
  if (!doc) return [];
  let found: NodeListOf<Element>;
  try {
    found = doc.querySelectorAll(selector);
  } catch {
    return []; // a selector this browser cannot parse
  }
  const view = doc.defaultView;
  const sx = view?.scrollX ?? 0;
  const sy = view?.scrollY ?? 0;
  return [...found].slice(0, 50).map((node) => {
    const r = node.getBoundingClientRect();
    return { x: r.left + sx, y: r.top + sy, width: r.width, height: r.height };
  });
}
