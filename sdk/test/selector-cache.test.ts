/**
 * The click capture keeps the selector's document search between clicks until the page
 * changes (src/web/click-capture.ts). A kept search that outlived a change would name the
 * wrong element or stop at the wrong level: these clicks each follow a change that alters
 * their selector, made in the same task as the click or in an earlier one.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ClickEvent } from '../src/protocol';
import { hf, useBrowser } from './harness';

const env = useBrowser();

/**
 * Clicks the element `selector` names (a script click with a position, as a mouse gives);
 * with `prepend`, first adds a copy of the last card before the first, in the same task.
 */
const click = (page: Page, selector: string, prepend = false) =>
  page.evaluate(
    ({ selector, prepend }) => {
      const grid = document.getElementById('grid') as HTMLElement;
      if (prepend) grid.prepend((grid.lastElementChild as Element).cloneNode(true));
      const el = document.querySelector(selector) as Element;
      const r = el.getBoundingClientRect();
      el.dispatchEvent(
        new MouseEvent('click', {
          bubbles: true,
          cancelable: true,
          detail: 1,
          clientX: r.left + 2,
          clientY: r.top + 2,
        }),
      );
    },
    { selector, prepend },
  );

it('names each click right after the page changed, in the click task or before it', async () => {
  const page = await env.open('/many.html');
  await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault()));
  // The grid's cards (div.card, 400 of them) each hold one a.link and one h3.title.
  await click(page, '#grid > :nth-child(5) > a');
  await click(page, '#grid > :nth-child(7) > a'); // a kept search
  // A card added before them in the click's own task: the fifth card is now the sixth.
  await click(page, '#grid > :nth-child(6) > a', true);
  await click(page, '#grid > :nth-child(3) > h3');
  // Classes changed in an earlier task: one h3.title is left, so its own kind names it.
  await page.evaluate(() => {
    const third = document.getElementById('grid')?.children[2];
    for (const h of document.querySelectorAll('h3.title'))
      if (h.parentElement !== third) h.className = 'name';
  });
  await click(page, '#grid > :nth-child(3) > h3');
  // An element removed in an earlier task: the last a.link standing after removing others.
  await page.evaluate(() => {
    for (const a of [...document.querySelectorAll('a.link')].slice(1)) a.remove();
  });
  await click(page, '#grid > :nth-child(1) > a');
  await page.waitForTimeout(1200); // clicks are held 1 s (dead-click check)
  await hf(page, 'flush');
  const events = await env.server.waitForEvents(7);
  expect(events.filter((e) => e.t === 'click').map((e) => (e as ClickEvent).sel)).toEqual([
    'div.card:nth-of-type(5)>a.link',
    'div.card:nth-of-type(7)>a.link',
    'div.card:nth-of-type(6)>a.link',
    'div.card:nth-of-type(3)>h3.title',
    'h3.title',
    'a.link',
  ]);
});
