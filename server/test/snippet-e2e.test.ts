/**
 * End to end: the demo shop page with the real snippet in Chromium, real HTTP, the
 * embedded engine. Clicks at known points must come back from the heatmap API in exactly
 * the cells the contract says, after the page is hidden (the SDK's beacon).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoLayout } from '../src/demo/layout.js';
import { type DemoInBrowser, startDemoInBrowser } from './helpers/demo-in-browser.js';

let demo: DemoInBrowser;

beforeAll(async () => {
  demo = await startDemoInBrowser(['heatfunnel.js']);
});
afterAll(async () => {
  await demo?.close();
});

it('puts clicks on the demo page into exactly the expected heatmap cells', async () => {
  const { browser, server } = demo;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/demo/product/7`, { waitUntil: 'load' });
  const docWidth = await page.evaluate(() => document.documentElement.scrollWidth);

  // Viewport points; the last two after scrolling 600 px, so document y = viewport y + 600.
  const clicks = [
    { vx: 205, vy: 305, scroll: 0 },
    { vx: 206, vy: 306, scroll: 0 },
    { vx: 207, vy: 304, scroll: 0 },
    { vx: 645, vy: 715, scroll: 0 },
    { vx: 645, vy: 505, scroll: 600 },
  ];
  for (const { vx, vy, scroll } of clicks) {
    await page.evaluate((y) => window.scrollTo(0, y), scroll);
    await page.mouse.click(vx, vy);
  }
  // Leaving the page fires pagehide: the SDK sends what it holds with sendBeacon.
  await page.goto('about:blank');

  const expected = new Map<string, number>();
  for (const { vx, vy, scroll } of clicks) {
    const key = `${Math.floor((vx / docWidth) * 100)},${Math.floor((vy + scroll) / 10)}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const query = `${server.url}/api/heatmap/clicks?site=demo&page=${encodeURIComponent('/demo/product/:id')}&device=desktop`;
  let body: { total: number; cells: { x: number; y: number; n: number }[] } = { total: 0, cells: [] };
  for (let attempt = 0; attempt < 50 && body.total < clicks.length; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The answer to the beacon comes once the events are spooled; the store has them after a flush.
    await server.flush();
    body = await (await fetch(query)).json();
  }
  expect(body.total).toBe(clicks.length);
  const actual = new Map(body.cells.map((cell) => [`${cell.x},${cell.y}`, cell.n]));
  expect(actual).toEqual(expected);

  // Real clicks name elements exactly as the demo data does, so both count as one element.
  const elements = await (await fetch(query.replace('/heatmap/clicks', '/heatmap/elements'))).json();
  const known = new Map(demoLayout.desktop['/demo/product/:id']?.elements.map((el) => [el.sel, el.sh]));
  const seen = (elements.elements as { selector: string; hash: string }[]).filter((el) =>
    known.has(el.selector),
  );
  expect(seen.length).toBeGreaterThan(0);
  for (const element of seen) expect(element.hash, element.selector).toBe(known.get(element.selector));
  await page.close();
});
