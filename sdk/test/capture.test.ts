/**
 * The snippet build in Chromium on a fixture shop page: the exact batches the SDK posts for a
 * page view and clicks at known points, by count, by time and by beacon on pagehide.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClickEvent, WireEvent } from '../src/protocol';
import { launchBrowser } from './browser';
import { type IngestServer, startIngestServer } from './ingest-server';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let browser: Browser;
let server: IngestServer;
let page: Page;

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['build.mjs', '--quiet'], {
    cwd: join(import.meta.dirname, '..'),
  });
  if (build.status !== 0) throw new Error(`SDK build failed: ${build.stderr}`);
  server = await startIngestServer((path) => (path.startsWith('/product/') ? 'shop.html' : path));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await page?.context().close();
  server.batches.length = 0;
});

/** Opens a fixture URL in a fresh context (own localStorage) at 1000x600 and waits for the SDK. */
async function open(path: string, cfg: object = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 600 } });
  page = await context.newPage();
  const sep = path.includes('?') ? '&' : '?';
  await page.goto(`${server.url}${path}${sep}cfg=${encodeURIComponent(JSON.stringify(cfg))}`);
  await page.waitForFunction(
    () => typeof (window as unknown as { hf?: { q?: unknown } }).hf?.q === 'undefined',
  );
  return page;
}

const common = (e: WireEvent) => ({
  t: e.t,
  p: e.p,
  url: e.url,
  pk: e.pk,
  ch: e.ch,
  vw: e.vw,
  vh: e.vh,
  dw: e.dw,
  dh: e.dh,
});

describe('snippet build in Chromium', () => {
  it('sends the page view and three clicks with exact positions in one beacon on pagehide', async () => {
    const started = Date.now();
    await open('/product/12345?utm_source=newsletter&token=secret');
    await page.mouse.click(150, 225); // #buy: 200x50 at (100, 200)
    await page.mouse.click(600, 450); // second card's link: 300x100 at (400, 400)
    await page.evaluate(() => window.scrollTo(0, 500));
    await page.mouse.click(500, 20); // fixed header, 1000x40 at the top of the viewport
    expect(server.batches).toEqual([]); // fewer than 20 events and under 5 s: nothing sent yet
    await page.goto('about:blank');

    const events = await server.waitForEvents(4);
    expect(server.batches).toHaveLength(1);
    const [sent] = server.batches;
    expect(sent?.headers['content-type']).toMatch(/^text\/plain/);
    expect(sent?.headers['sec-fetch-mode']).toBe('no-cors'); // sendBeacon, not fetch
    expect(sent?.batch.k).toBe('test');
    expect(sent?.batch.v).toBe(1);

    const url = `${server.url}/product/12345?utm_source=newsletter`;
    const base = {
      p: 'web',
      url,
      pk: '/product/:id',
      ch: 'newsletter',
      vw: 1000,
      vh: 600,
      dw: 1000,
      dh: 3000,
    };
    expect(events.map(common)).toEqual([
      { ...base, t: 'pageview' },
      { ...base, t: 'click' },
      { ...base, t: 'click' },
      { ...base, t: 'click' },
    ]);
    const clicks = events.slice(1).map((e) => {
      const { x, y, sel, sh, ex, ey, ew, eh, fx, href } = e as ClickEvent;
      return { x, y, sel, sh, ex, ey, ew, eh, fx, href };
    });
    expect(clicks).toEqual([
      {
        x: 150,
        y: 225,
        sel: 'button#buy',
        sh: '76066736',
        ex: 0.25,
        ey: 0.5,
        ew: 200,
        eh: 50,
        fx: 0,
        href: undefined,
      },
      {
        x: 600,
        y: 450,
        sel: 'li.card:nth-of-type(2)>a',
        sh: expect.stringMatching(/^[0-9a-f]{8}$/),
        ex: 0.6667,
        ey: 0.5,
        ew: 300,
        eh: 100,
        fx: 0,
        href: `${server.url}/product/2`,
      },
      {
        x: 500,
        y: 520,
        sel: 'header.top',
        sh: expect.any(String),
        ex: 0.5,
        ey: 0.5,
        ew: 1000,
        eh: 40,
        fx: 1,
        href: undefined,
      },
    ]);

    const ids = events.map((e) => e.id);
    for (const id of ids) expect(id).toMatch(V7);
    expect(new Set(ids).size).toBe(4);
    expect(new Set(events.map((e) => e.a)).size).toBe(1);
    expect(new Set(events.map((e) => e.s)).size).toBe(1);
    for (const e of events) expect(e.ts).toBeGreaterThanOrEqual(started);
    expect(events[0]?.r).toBeUndefined();
  });

  it('posts with fetch keepalive as soon as batchSize events wait', async () => {
    await open('/product/1', { batchSize: 2 });
    await page.mouse.click(150, 225);
    const events = await server.waitForEvents(2);
    expect(events.map((e) => e.t)).toEqual(['pageview', 'click']);
    expect(server.batches[0]?.headers['sec-fetch-mode']).toBe('cors'); // fetch, not a beacon
    expect(server.batches[0]?.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('posts a partial batch after flushInterval without any page hide', async () => {
    await open('/product/1', { flushInterval: 300 });
    const events = await server.waitForEvents(1, 3000);
    expect(events.map((e) => e.t)).toEqual(['pageview']);
  });

  it('keeps the anonymous id, session and channel of the first page view across page loads', async () => {
    await open('/product/5?utm_source=wechat');
    await page.evaluate(() => {
      location.href = '/product/6';
    });
    await page.waitForURL(/product\/6/);
    await page.goto('about:blank');
    const [a, b] = await server.waitForEvents(2);
    expect(b?.a).toBe(a?.a);
    expect(b?.s).toBe(a?.s);
    expect([a?.ch, b?.ch]).toEqual(['wechat', 'wechat']);
    expect(b?.r).toBe(`${server.url}/product/5?utm_source=wechat`); // query cleaned like url
    expect(b?.pk).toBe('/product/:id');
  });

  it('splits what is left at pagehide into beacons under 60,000 bytes, all delivered in order', async () => {
    await open('/product/1', { batchSize: 500 });
    await page.evaluate(() => {
      const hf = (window as unknown as { hf: (...a: unknown[]) => void }).hf;
      for (let i = 0; i < 21; i++) hf('track', `big${i}`, { pad: 'x'.repeat(2600) });
    });
    await page.goto('about:blank');
    // Both beacons together stay under the browser's 64 KiB in-flight budget.
    const events = await server.waitForEvents(22);
    expect(events.map((e) => (e.t === 'custom' ? e.n : e.t))).toEqual([
      'pageview',
      ...Array.from({ length: 21 }, (_, i) => `big${i}`),
    ]);
    expect(server.batches).toHaveLength(2);
    for (const b of server.batches) expect(b.bytes).toBeLessThanOrEqual(60_000);
    expect(server.batches.reduce((sum, b) => sum + b.bytes, 0)).toBeGreaterThan(60_000);
  });
});
