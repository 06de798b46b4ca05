import { describe, expect, it } from 'vitest';
import { type SelectorElement, selectorOf } from './selector';

interface Spec {
  tag: string;
  id?: string;
  cls?: string;
  kids?: Spec[];
}

/** Index of `el` among its parent's children of its tag, from 1 (`:nth-of-type`). */
function typeIndex(el: SelectorElement): number {
  let index = 1;
  for (let sib = el.previousElementSibling; sib; sib = sib.previousElementSibling)
    if (sib.tagName === el.tagName) index++;
  return index;
}

/** `matches` for the selector parts the selector makes: `tag#id`, `tag.a.b` and `:nth-of-type(n)`. */
function matchesPart(el: SelectorElement, selector: string): boolean {
  const parsed = /^([a-z0-9]+)(?:#([\w-]+))?((?:\.[\w-]+)*)(?::nth-of-type\((\d+)\))?$/.exec(selector);
  if (!parsed) throw new Error(`the fake elements cannot match ${selector}`);
  const [, tag, id, classes, nth] = parsed;
  const own = [...el.classList];
  return (
    el.tagName.toLowerCase() === tag &&
    (!id || el.id === id) &&
    (classes ?? '').split('.').every((name) => !name || own.includes(name)) &&
    (!nth || typeIndex(el) === Number(nth))
  );
}

/** Builds a tree of fake elements (just what the selector reads) and returns them by path, in document order. */
function tree(
  spec: Spec,
  parent: SelectorElement | null = null,
  out = new Map<string, SelectorElement>(),
  path = '',
) {
  const el: SelectorElement = {
    tagName: spec.tag.toUpperCase(),
    id: spec.id ?? '',
    parentElement: parent,
    previousElementSibling: null,
    nextElementSibling: null,
    classList: (spec.cls ?? '').split(' ').filter(Boolean),
    matches: (selector) => matchesPart(el, selector),
  };
  out.set(path || spec.tag, el);
  let prev: SelectorElement | null = null;
  spec.kids?.forEach((kid, i) => {
    const child = tree(kid, el, out, `${path || spec.tag}/${i}`).get(
      `${path || spec.tag}/${i}`,
    ) as SelectorElement;
    child.previousElementSibling = prev;
    if (prev) prev.nextElementSibling = child;
    prev = child;
  });
  return out;
}

const page = tree({
  tag: 'html',
  kids: [
    {
      tag: 'body',
      kids: [
        {
          tag: 'main',
          id: 'shop',
          kids: [
            { tag: 'button', cls: 'btn buy css-1x2y3z' },
            {
              tag: 'ul',
              cls: 'list',
              kids: [{ tag: 'li', cls: 'item' }, { tag: 'li', cls: 'item' }, { tag: 'li' }],
            },
            { tag: 'div', id: 'ember123', cls: 'card', kids: [{ tag: 'span' }] },
          ],
        },
      ],
    },
  ],
});
const at = (path: string) => page.get(path) as SelectorElement;

describe('selectorOf', () => {
  it('stops at a stable id and skips classes with digits', () => {
    expect(selectorOf(at('html/0/0/0'))).toBe('main#shop>button.btn.buy');
  });

  it('uses nth-of-type only among look-alike siblings', () => {
    expect(selectorOf(at('html/0/0/1/1'))).toBe('main#shop>ul.list>li.item:nth-of-type(2)');
    expect(selectorOf(at('html/0/0/1/2'))).toBe('main#shop>ul.list>li:nth-of-type(3)');
  });

  it('skips ids with digits and climbs past them', () => {
    expect(selectorOf(at('html/0/0/2/0'))).toBe('main#shop>div.card>span');
  });

  it('stops climbing as soon as the selector names one element of the document', () => {
    const doc = tree({
      tag: 'html',
      kids: [
        {
          tag: 'body',
          kids: [
            {
              tag: 'div',
              cls: 'menu',
              kids: [
                { tag: 'li', cls: 'item' },
                { tag: 'li', cls: 'item' },
              ],
            },
            {
              tag: 'div',
              cls: 'list',
              kids: [
                { tag: 'li', cls: 'item' },
                { tag: 'li', cls: 'item' },
              ],
            },
            { tag: 'section', kids: [{ tag: 'div', cls: 'list', kids: [{ tag: 'li', cls: 'item' }] }] },
          ],
        },
      ],
    });
    const all = [...doc.values()];
    // What querySelectorAll(kind) gives: the elements of a tag and classes, in document order.
    const find = (kind: string) => [all.filter((el) => el.matches(kind))];
    const sel = (path: string) => selectorOf(doc.get(path) as SelectorElement, find);
    // li.item:nth-of-type(1) is in all three lists; div.menu names one of them.
    expect(sel('html/0/0/0')).toBe('div.menu>li.item:nth-of-type(1)');
    expect(sel('html/0/1/1')).toBe('div.list>li.item:nth-of-type(2)');
    // Two div.list hold a li.item: the section tells them apart.
    expect(sel('html/0/2/0/0')).toBe('section>div.list>li.item');
    expect(sel('html/0/2')).toBe('section');
    // Each selector names its element and nothing else (counted the slow way).
    const named = (selector: string) => {
      const parts = selector.split('>');
      return all.filter((el) => {
        let node: SelectorElement | null = el;
        for (let i = parts.length - 1; i >= 0; i--, node = node.parentElement)
          if (!node?.matches(parts[i] as string)) return false;
        return true;
      });
    };
    for (const path of ['html/0/0/0', 'html/0/1/1', 'html/0/2/0/0', 'html/0/0/1'])
      expect(named(sel(path))).toEqual([doc.get(path)]);
    // Only body could tell this one from the section's first item, and body is never named
    // above an element: the climb ends there with two elements named.
    expect(sel('html/0/1/0')).toBe('div.list>li.item:nth-of-type(1)');
    expect(named(sel('html/0/1/0'))).toEqual([doc.get('html/0/1/0'), doc.get('html/0/2/0/0')]);
  });

  it('never names html or body above the element, and gives at most 5 parts', () => {
    expect(selectorOf(at('html/0'))).toBe('body');
    const deep = tree({
      tag: 'div',
      kids: [
        {
          tag: 'div',
          kids: [
            {
              tag: 'div',
              kids: [{ tag: 'div', kids: [{ tag: 'div', kids: [{ tag: 'div', kids: [{ tag: 'a' }] }] }] }],
            },
          ],
        },
      ],
    });
    expect(selectorOf(at('html/0/0/0')).split('>').length).toBeLessThanOrEqual(5);
    expect(selectorOf(deep.get('div/0/0/0/0/0/0') as SelectorElement)).toBe('div>div>div>div>a');
  });
});
