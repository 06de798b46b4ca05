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

const sameKind = (a: SelectorElement, b: SelectorElement, classes: string[]) => {
  if (a.tagName !== b.tagName) return false;
  const other = ` ${b.getAttribute('class') ?? ''} `.replace(/\s+/g, ' ');
  return classes.every((name) => other.includes(` ${name} `));
};

/** The selector part for `el` alone: tag, stable id or classes, and nth-of-type when a sibling looks the same. */
export function selectorPart(el: SelectorElement): { part: string; hasId: boolean } {
  const tag = el.tagName.toLowerCase();
  if (el.id && STABLE_NAME.test(el.id)) return { part: `${tag}#${el.id}`, hasId: true };
  const classes = classesOf(el);
  let part = tag + classes.map((name) => `.${name}`).join('');
  let twin = false;
  for (let sib = el.nextElementSibling; sib && !twin; sib = sib.nextElementSibling)
    twin = sameKind(el, sib, classes);
  let index = 1;
  for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling) {
    if (sib.tagName === el.tagName) index++;
    if (!twin) twin = sameKind(el, sib, classes);
  }
  if (twin) part += `:nth-of-type(${index})`;
  return { part, hasId: false };
}

/**
 * The stable selector of `el`. `isUnique` says whether a selector names exactly one element
 * in the document (the browser answers with querySelectorAll); climbing stops once it does.
 */
export function selectorOf(
  el: SelectorElement,
  isUnique: (selector: string) => boolean = () => false,
): string {
  const parts: string[] = [];
  for (let node: SelectorElement | null = el; node && parts.length < MAX_DEPTH; node = node.parentElement) {
    const tag = node.tagName.toLowerCase();
    if (tag === 'html' || (tag === 'body' && parts.length)) break;
    const { part, hasId } = selectorPart(node);
    parts.unshift(part);
    if (hasId || tag === 'body' || isUnique(parts.join('>'))) break;
  }
  return parts.join('>');
}
