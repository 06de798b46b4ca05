import { describe, expect, it } from 'vitest';
import { type SelectorElement, selectorOf } from './selector';

interface Spec {
  tag: string;
  id?: string;
  cls?: string;
  kids?: Spec[];
}

/** Builds a tree of fake elements (just what the selector reads) and returns them by path. */
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
    getAttribute: (name) => (name === 'class' ? (spec.cls ?? null) : null),
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

  it('stops climbing as soon as the selector is unique in the document', () => {
    const unique = new Set(['ul.list>li.item:nth-of-type(1)']);
    expect(selectorOf(at('html/0/0/1/0'), (s) => unique.has(s))).toBe('ul.list>li.item:nth-of-type(1)');
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
