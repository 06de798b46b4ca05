/**
 * The viewer end to end: the real server CLI on a fresh data directory, a known set of
 * clicks posted through `POST /v1/batch`, then the viewer opened in Chromium from a shared
 * URL, and the heat canvas's pixels sampled where the clicks are and far from them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_PATH, type Batch, PROTOCOL_VERSION, type WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewer, REPO_DIR, startServer, type TestServer } from './server';

const ARTIFACTS = join(REPO_DIR, '.test-artifacts');
const PAGE_KEY = '/demo/product/:id';
const WIDTH = 1280;

let server: TestServer;
let browser: Browser;

/** A UUIDv7: 48-bit ms timestamp, version 7, variant 10, the rest random. */
function uuidv7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  const rand = Array.from({ length: 20 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${rand.slice(0, 3)}-${'89ab'[Math.floor(Math.random() * 4)]}${rand.slice(3, 6)}-${rand.slice(6, 18)}`;
}

type Point = { x: number; y: number };

/** Document points of elements of the real product page at the desktop reference width. */
async function measureProductPage(base: string) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 } });
  const page = await context.newPage();
  // The page carries the tracking snippet; keep this measuring visit out of the data.
  await page.route('**/sdk/**', (route) => route.abort());
  await page.goto(`${base}/demo/product/1`);
  const found = await page.evaluate(() => {
    const centre = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (!r) throw new Error(`no ${sel} on the product page`);
      return { x: r.left + r.width / 2 + scrollX, y: r.top + r.height / 2 + scrollY };
    };
    return {
      addToCart: centre('#add-to-cart'),
      products: centre('.nav-products'),
      docHeight: document.documentElement.scrollHeight,
    };
  });
  await context.close();
  return found;
}

beforeAll(async () => {
  buildViewer();
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('click heatmap in the viewer', () => {
  it('draws heat where the posted clicks are and nothing far from them', async () => {
    const base = server.url;
    const { addToCart, products, docHeight } = await measureProductPage(base);
    const now = Date.now();
    const common = {
      ts: now,
      a: 'anon-viewer-test',
      s: 'session-viewer-test',
      p: 'web',
      url: `${base}/demo/product/1`,
      pk: PAGE_KEY,
      vw: WIDTH,
      vh: 800,
      dw: WIDTH,
      dh: docHeight,
    } as const;
    // 30 clicks on "Add to cart", 10 on the "Products" link, each jittered a few px.
    const clicks: Point[] = [
      ...Array.from({ length: 30 }, (_, i) => ({
        x: addToCart.x + ((i % 5) - 2) * 2,
        y: addToCart.y + ((Math.floor(i / 5) % 3) - 1) * 2,
      })),
      ...Array.from({ length: 10 }, (_, i) => ({ x: products.x + ((i % 3) - 1) * 2, y: products.y })),
    ];
    const events: WireEvent[] = [
      { ...common, id: uuidv7(now), t: 'pageview' },
      ...clicks.map(
        (c, i): WireEvent => ({
          ...common,
          id: uuidv7(now + i + 1),
          ts: now + i + 1,
          t: 'click',
          x: Math.round(c.x),
          y: Math.round(c.y),
          sel: i < 30 ? 'button#add-to-cart' : 'a.nav-products',
        }),
      ),
    ];
    const batch: Batch = { k: 'demo', v: PROTOCOL_VERSION, e: events };
    const posted = await fetch(`${base}${BATCH_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ accepted: events.length, rejected: [] });

    // The flusher moves spooled events into the store shortly after the answer.
    const api = `${base}/api/heatmap/clicks?site=demo&page=${encodeURIComponent(PAGE_KEY)}&device=desktop`;
    const deadline = Date.now() + 30_000;
    let total = 0;
    while (Date.now() < deadline) {
      total = ((await (await fetch(api)).json()) as { total: number }).total;
      if (total === clicks.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(total).toBe(clicks.length);

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${base}/?site=demo&page=${encodeURIComponent(PAGE_KEY)}&device=desktop`);
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });

    await expect.poll(() => page.textContent('#page-list')).toContain('Views 1 · Clicks 40');
    expect(await page.textContent('#summary')).toContain('Clicks 40');
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
    const sample = (points: Point[]) =>
      page.evaluate(
        ({ points, width }) => {
          const canvas = document.getElementById('heat') as HTMLCanvasElement;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new Error('no 2d context');
          const s = canvas.width / width;
          return points.map((p) => [
            ...ctx.getImageData(Math.round(p.x * s), Math.round(p.y * s), 1, 1).data,
          ]);
        },
        { points, width: WIDTH },
      );
    const [hot, warm, ...cold] = await sample([addToCart, products, ...far]);
    // The hottest spot is the palette's red end, nearly opaque.
    expect(hot?.[3]).toBeGreaterThan(200);
    expect(hot?.[0]).toBeGreaterThan(200);
    expect(hot?.[1]).toBeLessThan(120);
    // A third as many clicks: visible, cooler.
    expect(warm?.[3]).toBeGreaterThan(40);
    expect(warm?.[3]).toBeLessThan(hot?.[3] ?? 0);
    for (const c of cold) expect(c[3]).toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-heatmap.png'), fullPage: true });
    await context.close();
  });
});
