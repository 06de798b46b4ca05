/**
 * Stable selectors: `tag#id.class` parts joined by `>`, skipping ids and classes with digits
 * (generated names change between builds) or characters that would need escaping. It climbs
 * until the selector names one element, an id is reached, or `MAX_DEPTH` parts were made.
 */

/** The part of a DOM element the selector reads (a real Element satisfies it). */
export interface SelectorElement {
  tagName: string;
  id: string;
  parentElement: SelectorElement | null;
  previousElementSibling: SelectorElement | null;
  nextElementSibling: SelectorElement | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
}

/** Most parts in a selector. */
export const MAX_DEPTH = 5;
/** Most classes kept per part. */
export const MAX_CLASSES = 3;

const STABLE_NAME = /^-?[a-z_][a-z_-]*$/i;

const classesOf = (el: SelectorElement): string[] =>
  (el.getAttribute('class') ?? '')
    .split(/\s+/)
    .filter((name) => STABLE_NAME.test(name))
    .slice(0, MAX_CLASSES);

/**
 * The stable selector of `el`. `find(kind)` lists the document's elements with a part's tag
 * and classes (the browser answers with querySelectorAll); with it, climbing stops once the
 * selector names exactly one element. Without it, the selector climbs as far as it may.
 *
 * Each part is the tag and a stable id, or the tag and stable classes plus nth-of-type when
 * a sibling has them too: so no other child of the element's parent matches the part.
 *
 * The document is searched once, for the target's own kind. Each level above keeps, of the
 * elements named so far, those whose ancestor there matches the new part; the other
 * children of that ancestor's parent never do, so they are dropped without matching. That
 * spares the `:nth-of-type` work that made one querySelectorAll per level slow: on a grid of
 * 400 cards, 40 µs a level.
 */
export function selectorOf(el: SelectorElement, find?: (kind: string) => ArrayLike<SelectorElement>): string {
  const parts: string[] = [];
  // For each element the selector made so far names: its ancestor at the selector's top part.
  let tops: ArrayLike<SelectorElement> | undefined;
  for (let node: SelectorElement | null = el; node && parts.length < MAX_DEPTH; node = node.parentElement) {
    const top = node;
    const tag = top.tagName.toLowerCase();
    if (tag === 'html' || (tag === 'body' && parts.length)) break;
    if (top.id && STABLE_NAME.test(top.id)) {
      parts.unshift(`${tag}#${top.id}`);
      break;
    }
    const kind =
      tag +
      classesOf(top)
        .map((name) => `.${name}`)
        .join('');
    // A look-alike sibling (same tag and classes) needs nth-of-type to tell them apart.
    let twin = false;
    for (let sib = top.nextElementSibling; sib && !twin; sib = sib.nextElementSibling)
      twin = sib.matches(kind);
    let index = 1;
    for (let sib = top.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (sib.tagName !== top.tagName) continue;
      index++;
      twin ||= sib.matches(kind);
    }
    const part = twin ? `${kind}:nth-of-type(${index})` : kind;
    parts.unshift(part);
    if (tag === 'body' || !find) continue;
    const named = tops ?? find(kind);
    // Found by kind, the elements match a part without nth-of-type already.
    if (tops || twin) {
      const kept: SelectorElement[] = [];
      for (let i = 0; i < named.length; i++) {
        const t = tops ? (named[i] as SelectorElement).parentElement : (named[i] as SelectorElement);
        if (t === top || (t && t.parentElement !== top.parentElement && t.matches(part))) kept.push(t);
      }
      tops = kept;
    } else tops = named;
    if (tops.length === 1) break;
  }
  return parts.join('>');
}
