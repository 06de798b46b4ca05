/**
 * The viewer end to end: the real server CLI on a fresh data directory, a known set of
 * clicks posted through `POST /v1/batch`, then the viewer opened in Chromium from a shared
 * URL, and the heat canvas's pixels sampled where the clicks are and far from them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_PATH, PROTOCOL_VERSION, type WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  canvasPixels,
  type KnownClicks,
  openDrawn,
  type Point,
  PRODUCT_KEY,
  postKnownClicks,
  uuidv7,
  WIDTH,
} from './fixture';
import { startServer, type TestServer } from './server';

let server: TestServer;
let browser: Browser;
let known: KnownClicks;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  known = await postKnownClicks(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The viewer at `query`, wide, once drawn. */
const open = (query: string) => openDrawn(browser, server.url, query);

describe('click heatmap in the viewer', () => {
  it('draws heat where the posted clicks are and nothing far from them', async () => {
    const { addToCart, products, docHeight, clicks } = known;
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}&device=desktop`);

    await expect.poll(() => page.textContent('#page-list')).toContain('Views 1 · Clicks 40');
    expect(await page.textContent('#summary')).toContain('Clicks 40');
    // Placed by element (the default), on the snapshot taken at the width they were clicked at.
    expect(await page.textContent('#summary')).toContain(
      'placed on elements: 40 clicks, not found on this page: 0',
    );
    expect(await page.locator('#stage-status').textContent()).toBe('');
    const backdrop = await page.evaluate(
      () =>
        !!(document.getElementById('frame') as HTMLIFrameElement).contentDocument?.getElementById(
          'add-to-cart',
        ),
    );
    expect(backdrop).toBe(true);

    const far: Point[] = [
      { x: 40, y: docHeight - 30 },
      { x: WIDTH - 40, y: docHeight - 30 },
      { x: WIDTH - 40, y: Math.min(docHeight - 30, addToCart.y + 400) },
    ];
    for (const f of far) {
      const nearest = Math.min(...clicks.map((c) => Math.hypot(c.x - f.x, c.y - f.y)));
      expect(nearest).toBeGreaterThan(150);
    }
    const [hot, warm, ...cold] = await canvasPixels(page, [addToCart, products, ...far]);
    // The hottest spot is the palette's red end, nearly opaque.
    expect(hot?.[3]).toBeGreaterThan(200);
    expect(hot?.[0]).toBeGreaterThan(200);
    expect(hot?.[1]).toBeLessThan(120);
    // A third as many clicks: visible, cooler.
    expect(warm?.[3]).toBeGreaterThan(40);
    expect(warm?.[3]).toBeLessThan(hot?.[3] ?? 0);
    for (const c of cold) expect(c[3]).toBe(0);

    // Pointing at the hot spot says how many clicks are there.
    const box = await page.locator('#frame-box').boundingBox();
    const scale = Number(await page.getAttribute('#heat', 'data-scale'));
    if (!box) throw new Error('no frame box');
    await page.mouse.move(box.x + 1 + addToCart.x * scale, box.y + 1 + addToCart.y * scale);
    await expect.poll(() => page.textContent('#frame-box .probe')).toBe('button#add-to-cart: 30 clicks');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-heatmap.png'), fullPage: true });
    await page.context().close();
  });

  it('ranks elements beside the heat with the API’s numbers and outlines one on hover', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await page.waitForSelector('#element-rows tr');
    const q = new URLSearchParams({ site: 'demo', page: PRODUCT_KEY, device: 'desktop' });
    const api = (await (await fetch(`${server.url}/api/heatmap/elements?${q}`)).json()) as {
      elements: { selector: string; clicks: number; clickers: number; rate: number }[];
    };
    const rows = await page.$$eval('#element-rows tr', (trs) =>
      trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent ?? '')),
    );
    expect(rows).toEqual(
      api.elements.map((e) => [
        e.selector,
        e.clicks.toLocaleString('en-US'),
        e.clickers.toLocaleString('en-US'),
        e.rate.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      ]),
    );
    expect(rows[0]).toEqual(['button#add-to-cart', '30', '1', '30']);
    expect(rows[1]).toEqual(['a.nav-products', '10', '1', '10']);

    // The ranking sorts by any of its numbers; clicking a header again reverses it.
    expect(await page.getAttribute('th[data-sort="clicks"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-sort="clicks"] button');
    expect(await page.getAttribute('th[data-sort="clicks"]', 'aria-sort')).toBe('ascending');
    expect(await page.getAttribute('#element-rows tr:first-child', 'data-selector')).toBe('a.nav-products');
    await page.click('th[data-sort="rate"] button');
    expect(await page.getAttribute('th[data-sort="rate"]', 'aria-sort')).toBe('descending');
    expect(await page.getAttribute('#element-rows tr:first-child', 'data-selector')).toBe(
      'button#add-to-cart',
    );

    await page.hover('#element-rows tr[data-selector="button#add-to-cart"]');
    const box = await page.locator('#highlights .highlight').boundingBox();
    const frame = await page.locator('#frame-box').boundingBox();
    const scale = Number(await page.getAttribute('#heat', 'data-scale'));
    expect(box && frame).toBeTruthy();
    if (box && frame) {
      const centre = {
        x: (box.x - frame.x + box.width / 2) / scale,
        y: (box.y - frame.y + box.height / 2) / scale,
      };
      expect(Math.abs(centre.x - known.addToCart.x)).toBeLessThan(3);
      expect(Math.abs(centre.y - known.addToCart.y)).toBeLessThan(3);
    }
    await page.mouse.move(5, 5);
    expect(await page.locator('#highlights .highlight').count()).toBe(0);

    // "+" turns the element into a funnel step after a view of this page.
    await page.click('#element-rows tr[data-selector="button#add-to-cart"] .to-funnel');
    await expect
      .poll(() => new URL(page.url()).searchParams.getAll('step'))
      .toEqual([`pageview:${PRODUCT_KEY}`, 'click:button#add-to-cart']);
    await expect
      .poll(() => page.$$eval('#funnel-bars .bar-figures', (n) => n.map((x) => x.textContent)))
      .toEqual([
        'Entered 1 · 100% of first step · Dropped 0',
        'Entered 1 · 100% of previous step · 100% of first step',
      ]);
    await page.context().close();
  });

  it('draws rage clicks only where rage clicks are', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}&type=rage`);
    expect(await page.textContent('#summary')).toContain(`Rage clicks ${known.rageClicks}`);
    const [onProducts, onCart] = await canvasPixels(page, [known.products, known.addToCart]);
    expect(onProducts?.[3]).toBeGreaterThan(200);
    expect(onCart?.[3]).toBe(0);
    await page.selectOption('#type', 'dead');
    await expect
      .poll(() => page.textContent('#stage-status'))
      .toContain('No dead clicks on this page for Desktop');
    await page.context().close();
  });

  it('colours scroll reach by depth, marks the share that got there, and shows attention per band', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}&type=scroll`);
    const views = known.scrollDepths.length;
    expect(await page.textContent('#summary')).toContain(`${views} page views with scroll data`);
    // Scroll maps have nothing to place: no "Place clicks" control.
    expect(await page.isVisible('#place')).toBe(false);
    const reachedHalf = known.scrollDepths.filter((d) => d >= 0.5).length / views;
    const marks = await page.$$eval('#marks .mark', (m) => m.map((x) => x.textContent));
    expect(marks).toContain(`${Math.round(reachedHalf * 100)}% reached`);
    expect(marks.some((m) => m?.startsWith('Average fold · 800 px'))).toBe(true);
    // Everyone saw the top (the palette's red end); half of the views saw the bottom (cooler).
    const height = Number(
      await page.evaluate(() => (document.getElementById('heat') as HTMLCanvasElement).height),
    );
    const scale = Number(await page.getAttribute('#heat', 'data-scale'));
    const [top, bottom] = await canvasPixels(page, [
      { x: 640, y: 5 },
      { x: 640, y: height / scale - 5 },
    ]);
    expect(top?.slice(0, 3)).toEqual([255, 0, 0]);
    expect(bottom?.[1]).toBeGreaterThan(150);

    await page.selectOption('#type', 'attention');
    await page.waitForSelector('#stage[data-state="drawn"]');
    await expect.poll(() => page.textContent('#summary')).toContain(`${views} page views`);
    const seconds = await page.$$eval('#marks .mark', (m) => m.map((x) => x.textContent));
    expect(seconds).toEqual(known.attentionSeconds.map((s) => `${s.toFixed(1)} s`));
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-attention.png') });
    await page.context().close();
  });

  it('places clicks on the element as laid out now by default; by position the heat misses after a reflow', async () => {
    const measure = await browser.newContext({ viewport: { width: WIDTH, height: 800 } });
    const shop = await measure.newPage();
    await shop.route('**/sdk/**', (route) => route.abort());
    await shop.goto(`${server.url}/demo/checkout`);
    const button = await shop.evaluate(() => {
      const r = document.getElementById('place-order')?.getBoundingClientRect();
      if (!r) throw new Error('no #place-order on the checkout page');
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
    });
    const docHeight = await shop.evaluate(() => document.documentElement.scrollHeight);
    await measure.close();
    // Clicks recorded on an older layout where the button sat 300 px lower.
    const centre = { x: button.x + button.width / 2, y: button.y + button.height / 2 };
    const recorded = { x: centre.x, y: centre.y + 300 };
    const now = Date.now();
    const visit = {
      a: 'anon-reflow',
      s: 'session-reflow',
      p: 'web',
      url: `${server.url}/demo/checkout`,
      pk: '/demo/checkout',
      vw: WIDTH,
      vh: 800,
      dw: WIDTH,
      dh: docHeight + 300,
    } as const;
    const events: WireEvent[] = [
      { ...visit, id: uuidv7(now), ts: now, t: 'pageview' },
      ...Array.from(
        { length: 12 },
        (_, i): WireEvent => ({
          ...visit,
          id: uuidv7(now + 1 + i),
          ts: now + 1 + i,
          t: 'click',
          x: Math.round(recorded.x + ((i % 4) * 0.033 - 0.05) * button.width),
          y: Math.round(recorded.y),
          sel: 'button#place-order',
          // Around the middle of the button, as real clicks are: bins 4 and 5 across.
          ex: 0.45 + (i % 4) * 0.033,
          ey: 0.5,
          ew: Math.round(button.width),
          eh: Math.round(button.height),
        }),
      ),
    ];
    const posted = await fetch(`${server.url}${BATCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ k: 'demo', v: PROTOCOL_VERSION, e: events }),
    });
    expect(posted.status).toBe(200);
    const api = `${server.url}/api/heatmap/clicks?site=demo&page=${encodeURIComponent('/demo/checkout')}`;
    await expect.poll(async () => (await (await fetch(api)).json()).total, { timeout: 30_000 }).toBe(12);

    // By default clicks are placed on the element as the backdrop lays it out now.
    const page = await open(`?site=demo&page=${encodeURIComponent('/demo/checkout')}`);
    expect(await page.inputValue('#place')).toBe('element');
    await expect
      .poll(() => page.textContent('#summary'))
      .toContain('placed on elements: 12 clicks, not found on this page: 0');
    const [atRecordedNow, onButtonNow] = await canvasPixels(page, [recorded, centre]);
    expect(onButtonNow?.[3]).toBeGreaterThan(200);
    expect(atRecordedNow?.[3]).toBe(0);
    const box = await page.locator('#frame-box').boundingBox();
    const scale = Number(await page.getAttribute('#heat', 'data-scale'));
    if (!box) throw new Error('no frame box');
    await page.mouse.move(box.x + 1 + centre.x * scale, box.y + 1 + centre.y * scale);
    await expect.poll(() => page.textContent('#frame-box .probe')).toBe('button#place-order: 12 clicks');
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-element-placement.png') });

    // Placed where they were clicked, the heat misses the button that moved.
    await page.selectOption('#place', 'position');
    await expect.poll(() => new URL(page.url()).searchParams.get('place')).toBe('position');
    await page.waitForSelector('#stage[data-state="drawn"]');
    await expect.poll(() => page.textContent('#summary')).not.toContain('placed on elements');
    const [atRecorded, onButton] = await canvasPixels(page, [recorded, centre]);
    expect(atRecorded?.[3]).toBeGreaterThan(200);
    expect(onButton?.[3]).toBe(0);
    await page.context().close();
  });
});
