/** Single-page apps: route changes are page views, each ending the previous one's scroll event. */
import { expect, it } from 'vitest';
import { useBrowser } from './harness';

const env = useBrowser();

it('sends a page view per route change (pushState, hash route, popstate), not for query or anchor changes', async () => {
  const page = await env.open('/product/1');
  const base = env.server.url;
  await page.evaluate(() => history.pushState({}, '', '/product/2?x=1'));
  await page.evaluate(() => history.replaceState({}, '', '/product/2?x=2')); // query only
  await page.evaluate(() => {
    location.hash = 'reviews'; // an anchor, not a route
  });
  await page.waitForFunction(() => location.hash === '#reviews');
  await page.evaluate(() => {
    location.hash = '/cart';
  });
  await page.waitForFunction(() => location.hash === '#/cart');
  await page.evaluate(() => history.back());
  await page.waitForFunction(() => location.hash === '#reviews');
  await page.goto('about:blank');

  const events = await env.server.waitForEvents(8);
  expect(
    events.map((e) => [e.t, e.url.replace(base, ''), e.pk, e.t === 'pageview' ? e.r?.replace(base, '') : '']),
  ).toEqual([
    ['pageview', '/product/1', '/product/:id', undefined],
    ['scroll', '/product/1', '/product/:id', ''],
    ['pageview', '/product/2', '/product/:id', '/product/1'],
    ['scroll', '/product/2', '/product/:id', ''],
    ['pageview', '/product/2#/cart', '/product/:id#/cart', '/product/2'],
    ['scroll', '/product/2#/cart', '/product/:id#/cart', ''],
    ['pageview', '/product/2', '/product/:id', '/product/2#/cart'],
    ['scroll', '/product/2', '/product/:id', ''],
  ]);
  expect(new Set(events.map((e) => e.s)).size).toBe(1);
});
