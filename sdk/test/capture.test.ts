/**
 * The snippet build in Chromium on a fixture shop page: the exact batches the SDK posts for a
 * page view and clicks at known points, by count, by time and by beacon on pagehide.
 */
import { describe, expect, it } from 'vitest';
import type { ClickEvent, WireEvent } from '../src/protocol';
import { hf, useBrowser, V7 } from './harness';

const env = useBrowser();

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
    const page = await env.open('/product/12345?utm_source=newsletter&token=secret', {
      flushInterval: 60_000,
    });
    await page.mouse.click(150, 225); // #buy: 200x50 at (100, 200)
    await page.mouse.click(600, 450); // second card's link: 300x100 at (400, 400)
    await page.evaluate(() => window.scrollTo(0, 500));
    await page.mouse.click(500, 20); // fixed header, 1000x40 at the top of the viewport
    expect(env.server.batches).toEqual([]); // fewer than 20 events, no timer yet: nothing sent
    await page.goto('about:blank');

    const events = await env.server.waitForEvents(5);
    expect(env.server.batches).toHaveLength(1);
    const [sent] = env.server.batches;
    expect(sent?.headers['content-type']).toMatch(/^text\/plain/);
    expect(sent?.headers['sec-fetch-mode']).toBe('no-cors'); // sendBeacon, not fetch
    expect(sent?.batch.k).toBe('test');
    expect(sent?.batch.v).toBe(1);

    const url = `${env.server.url}/product/12345?utm_source=newsletter`;
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
      { ...base, t: 'scroll' },
    ]);
    const clicks = events.slice(1, 4).map((e) => {
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
        href: `${env.server.url}/product/2`,
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
    expect(new Set(ids).size).toBe(5);
    expect(new Set(events.map((e) => e.a)).size).toBe(1);
    expect(new Set(events.map((e) => e.s)).size).toBe(1);
    for (const e of events) expect(e.ts).toBeGreaterThanOrEqual(started);
    expect(events[0]?.r).toBeUndefined();
  });

  it('posts with fetch keepalive as soon as batchSize events wait', async () => {
    const page = await env.open('/product/1', { batchSize: 2 });
    await page.mouse.click(150, 225);
    const events = await env.server.waitForEvents(2);
    expect(events.map((e) => e.t)).toEqual(['pageview', 'click']);
    expect(env.server.batches[0]?.headers['sec-fetch-mode']).toBe('cors'); // fetch, not a beacon
    expect(env.server.batches[0]?.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('posts a partial batch after flushInterval without any page hide', async () => {
    await env.open('/product/1', { flushInterval: 300 });
    const events = await env.server.waitForEvents(1, 3000);
    expect(events.map((e) => e.t)).toEqual(['pageview']);
  });

  it('keeps the anonymous id, session and channel of the first page view across page loads', async () => {
    const page = await env.open('/product/5?utm_source=wechat');
    await page.evaluate(() => {
      location.href = '/product/6';
    });
    await page.waitForURL(/product\/6/);
    await page.goto('about:blank');
    await env.server.waitForEvents(4);
    const [a, b] = env.server.events().filter((e) => e.t === 'pageview');
    expect(b?.a).toBe(a?.a);
    expect(b?.s).toBe(a?.s);
    expect([a?.ch, b?.ch]).toEqual(['wechat', 'wechat']);
    expect(b?.r).toBe(`${env.server.url}/product/5?utm_source=wechat`); // query cleaned like url
    expect(b?.pk).toBe('/product/:id');
  });

  it('splits what is left at pagehide into beacons under 60,000 bytes, all delivered in order', async () => {
    const page = await env.open('/product/1', { batchSize: 500, flushInterval: 60_000 });
    for (let i = 0; i < 21; i++) await hf(page, 'track', `big${i}`, { pad: 'x'.repeat(2600) });
    await page.goto('about:blank');
    // Both beacons together stay under the browser's 64 KiB in-flight budget.
    const events = await env.server.waitForEvents(23);
    expect(events.map((e) => (e.t === 'custom' ? e.n : e.t))).toEqual([
      'pageview',
      ...Array.from({ length: 21 }, (_, i) => `big${i}`),
      'scroll',
    ]);
    expect(env.server.batches).toHaveLength(2);
    for (const b of env.server.batches) expect(b.bytes).toBeLessThanOrEqual(60_000);
    expect(env.server.batches.reduce((sum, b) => sum + b.bytes, 0)).toBeGreaterThan(60_000);
  });
});
