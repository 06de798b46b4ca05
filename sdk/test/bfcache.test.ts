/**
 * The back/forward cache: a page restored from it (`pageshow` with `persisted`) is a new page
 * view and keeps capturing, and the SDK never listens to `unload`/`beforeunload` (which would
 * keep shop pages out of the cache).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClickEvent } from '../src/protocol';
import { launchBrowser } from './browser';
import { type IngestServer, startIngestServer } from './ingest-server';

let server: IngestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startIngestServer((path) => (path.startsWith('/product/') ? 'shop.html' : path));
  browser = await launchBrowser({ bfcache: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Records every listener added to window or document, and whether the page came back from the cache.
const RECORDER = `
  window.__listened = [];
  for (const target of [window, document]) {
    const add = target.addEventListener.bind(target);
    target.addEventListener = (type, ...rest) => { window.__listened.push(type); return add(type, ...rest); };
  }
  addEventListener('pageshow', (e) => { window.__restored = e.persisted; });
`;

it('counts a page restored from the back/forward cache as a page view and keeps capturing', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const cfg = encodeURIComponent(JSON.stringify({ flushInterval: 60_000 }));
  await page.goto(`${server.url}/product/1?bfcache=1&cfg=${cfg}`);
  await page.waitForFunction(() => !(window as unknown as { hf?: { q?: unknown } }).hf?.q);
  await page.mouse.click(150, 225); // #buy
  await page.goto(`${server.url}/product/2?bfcache=1&cfg=${cfg}`);
  await page.waitForFunction(() => !(window as unknown as { hf?: { q?: unknown } }).hf?.q);
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __restored?: boolean }).__restored !== undefined);
  const restored = await page.evaluate(() => (window as unknown as { __restored?: boolean }).__restored);
  const why = await page.evaluate(() =>
    JSON.stringify(
      (performance.getEntriesByType('navigation')[0] as unknown as { notRestoredReasons?: unknown })
        ?.notRestoredReasons ?? null,
    ),
  );
  expect(restored, `page not restored from the back/forward cache: ${why}`).toBe(true);
  await page.mouse.click(600, 450); // second card's link
  const listened = await page.evaluate(() => (window as unknown as { __listened: string[] }).__listened);
  await page.goto('about:blank');

  const events = await server.waitForEvents(8);
  // Ids order events within one JavaScript context; the two pages' events may interleave.
  const on = (path: string) =>
    events
      .filter((e) => new URL(e.url).pathname === path)
      .map((e) => (e.t === 'click' ? `click ${(e as ClickEvent).sel}` : e.t));
  expect(on('/product/2')).toEqual(['pageview', 'scroll']);
  expect(on('/product/1')).toEqual([
    'pageview',
    'click button#buy',
    'scroll', // at pagehide, as the page went into the cache
    'pageview', // restored: a new page view in the same session
    'click li.card:nth-of-type(2)>a',
    'scroll',
  ]);
  expect(new Set(events.map((e) => e.s)).size).toBe(1);
  expect(listened).toContain('pagehide');
  expect(listened).not.toContain('unload');
  expect(listened).not.toContain('beforeunload');
  await context.close();
});
