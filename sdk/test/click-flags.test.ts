/** Rage and dead clicks, as flags on the click events the server receives. */

import { expect, it } from 'vitest';
import type { ClickEvent } from '../src/protocol';
import { hf, useBrowser } from './harness';

const env = useBrowser();

const flags = (events: unknown[]) =>
  (events as ClickEvent[]).filter((e) => e.t === 'click').map(({ sel, rg, dd }) => ({ sel, rg, dd }));

it('flags a click that changes nothing as dead, and one that changes the DOM as not', async () => {
  const page = await env.open('/product/1', { batchSize: 100 });
  // Each click is held 1 s to see what it did; any change in that time counts for every
  // click held, so the two clicks are made more than 1 s apart.
  await page.mouse.click(150, 225); // #buy: no handler
  await page.waitForTimeout(1300);
  await page.mouse.click(150, 325); // #add: appends a paragraph
  await page.waitForTimeout(1300);
  await hf(page, 'flush');
  const events = await env.server.waitForEvents(3);
  expect(flags(events)).toEqual([
    { sel: 'button#buy', rg: 0, dd: 1 },
    { sel: 'button#add', rg: 0, dd: 0 },
  ]);
});

it('watches again after a change: a click after one, then a change of its own, is not dead', async () => {
  const page = await env.open('/product/1', { batchSize: 100 });
  await page.mouse.click(150, 325); // #add: appends a paragraph (the watch stops at it)
  await page.waitForTimeout(100);
  await page.mouse.click(150, 225); // #buy: no handler
  await page.waitForTimeout(200);
  await page.evaluate(() => document.body.append(document.createElement('p'))); // what #buy did, later
  await page.waitForTimeout(1300);
  await page.mouse.click(150, 225); // #buy again: nothing changes after it
  await page.waitForTimeout(1300);
  await hf(page, 'flush');
  const events = await env.server.waitForEvents(4);
  expect(flags(events)).toEqual([
    { sel: 'button#add', rg: 0, dd: 0 },
    { sel: 'button#buy', rg: 0, dd: 0 },
    { sel: 'button#buy', rg: 0, dd: 1 },
  ]);
});

it('flags three quick clicks within 30 px as rage clicks, and leaves a distant one alone', async () => {
  const page = await env.open('/product/1', { batchSize: 100 });
  await page.mouse.click(150, 225);
  await page.mouse.click(160, 230);
  await page.mouse.click(155, 240);
  await page.mouse.click(700, 450); // a product card: 600 px away
  await page.waitForTimeout(1300);
  await hf(page, 'flush');
  const events = await env.server.waitForEvents(5);
  expect(flags(events).map(({ rg }) => rg)).toEqual([1, 1, 1, 0]);
});

it('counts a click the page view ends right after (navigation) as not dead', async () => {
  const page = await env.open('/product/1', { batchSize: 100 });
  await page.mouse.click(150, 225);
  await page.goto('about:blank');
  const events = await env.server.waitForEvents(3);
  expect(flags(events)).toEqual([{ sel: 'button#buy', rg: 0, dd: 0 }]);
});

it('ignores clicks inside data-hf-ignore', async () => {
  const page = await env.open('/product/1', { batchSize: 100 });
  await page.mouse.click(150, 550); // the ignored box's button
  await page.mouse.click(150, 225);
  await page.goto('about:blank');
  const events = await env.server.waitForEvents(3);
  expect(flags(events).map((e) => e.sel)).toEqual(['button#buy']);
});
