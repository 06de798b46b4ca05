/** Test documents in rrweb-snapshot's serialised form. */

/** A tiny serialised document (html > body > text) whose body text is `text`. */
export const tree = (text: string) => ({
  type: 0,
  id: 1,
  childNodes: [
    {
      type: 2,
      id: 2,
      tagName: 'html',
      attributes: {},
      childNodes: [
        {
          type: 2,
          id: 3,
          tagName: 'body',
          attributes: {},
          childNodes: [{ type: 3, id: 4, textContent: text }],
        },
      ],
    },
  ],
});
