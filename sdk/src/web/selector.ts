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
  classList: Iterable<string>;
  matches(selector: string): boolean;
}

/** Most parts in a selector. */
export const MAX_DEPTH = 5;
/** Most classes kept per part. */
export const MAX_CLASSES = 3;

const STABLE_NAME = /^-?[a-z_][a-z_-]*$/i;

const classesOf = (el: SelectorElement): string[] =>
  [...el.classList].filter((name) => STABLE_NAME.test(name)).slice(0, MAX_CLASSES);

/**
 * The elements of one selector kind (tag and classes) and their ancestors: `[elements,
 * parents, grandparents, ...]`, the same length each, empty above the root.
 */
export type KindLevels = (SelectorElement | null | undefined)[][];

/**
 * The stable selector of `el`. `find(kind)` gives `[elements]`, the document's elements with a
 * part's tag and classes (the browser answers with querySelectorAll); with it, climbing stops
 * once the selector names exactly one element. Without it, the selector climbs as far as it
 * may. The ancestor levels it needs are added to the array `find` gave, so a caller that keeps
 * it while the document does not change spares later calls that work.
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
export function selectorOf(el: SelectorElement, find?: (kind: string) => KindLevels): string {
  const parts: string[] = [];
  let levels: KindLevels | undefined;
  // Indexes of the elements the selector made so far names (undefined: all of the kind).
  let named: number[] | undefined;
  const up = (depth: number): KindLevels[number] =>
    // biome-ignore lint/style/noNonNullAssertion: levels is set before the first call
    (levels![depth] ??= up(depth - 1).map((n) => n?.parentElement));
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
    const depth = parts.unshift(part) - 1;
    if (tag === 'body' || !find) continue;
    levels ??= find(kind);
    // Found by kind, the elements match a part without nth-of-type already.
    if (depth || twin) {
      const tops = up(depth);
      const aunts = up(depth + 1);
      const kept: number[] = [];
      for (const i of named ?? tops.keys())
        if (tops[i] === top || (aunts[i] !== top.parentElement && tops[i]?.matches(part))) kept.push(i);
      named = kept;
    }
    if ((named ?? up(0)).length === 1) break;
  }
  return parts.join('>');
}
