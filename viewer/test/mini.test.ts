/**
 * Mini-program pages in the viewer, end to end: taps of the same page from a 375 px and a
 * 414 px phone posted through `POST /v1/batch` as the mini SDK sends them, then the page
 * opened in Chromium: it opens in the mobile bucket by itself, the heat is drawn on a plain
 * page 375 px wide where the taps are (both phones' taps on one spot) even though a 414 px
 * snapshot of the route is stored, and a screenshot the analyst picks goes behind it, stays
 * across reloads and can be removed.
 */
import { join } from 'node:path';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type Point, PRODUCT_KEY, pngPixels, postBatch, uuidv7, waitUntil } from './fixture';
import { startServer, type TestServer } from './server';
import { snapshotRow, storeSnapshotRows } from './snapshot-rows';

const ROUTE = '/pages/goods/index';
const REFERENCE = 375;
/** The buy button and a banner, in px of the page at 375 px wide. */
const BUY: Point = { x: 100, y: 500 };
const BANNER: Point = { x: 280, y: 120 };
const TAPS = { buy: 12, banner: 4 };

let server: TestServer;
let browser: Browser;

/**
 * Stores a mobile snapshot of the route, 414 px wide, before the server starts: mini pages
 * have none today, but if one came, laying width-normalised rows out at its width would
 * stretch them by 414 / 375.
 */
function storeRouteSnapshot(dir: string) {
  const node = {
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
            attributes: { style: 'margin:0;height:1500px;background:#c0392b' },
            childNodes: [],
          },
        ],
      },
    ],
  };
  storeSnapshotRows(dir, [
    snapshotRow({
      pageKey: ROUTE,
      device: 'mobile',
      hash: 'test-mini',
      url: ROUTE,
      width: 414,
      height: 736,
      node,
    }),
  ]);
}

/** The events of one visit from a phone `width` px wide: a page view and taps scaled to it. */
function visit(width: number, anon: string, now: number): WireEvent[] {
  const k = width / REFERENCE;
  const base = {
    ts: now,
    a: anon,
    s: `${anon}-s`,
    p: 'weapp' as const,
    url: `${ROUTE}?id=7`,
    pk: ROUTE,
    vw: width,
    vh: Math.round(667 * k),
    dw: width,
    dh: Math.round(1334 * k),
  };
  const tap = (at: Point, sel: string, i: number): WireEvent => {
    const x = Math.round(at.x * k) + (i % 2);
    const y = Math.round(at.y * k) + (i % 3);
    const sy = Math.min(y, 200);
    return { ...base, id: uuidv7(now + i), t: 'click', x, y, sel, cx: x, cy: y - sy, sy };
  };
  return [
    { ...base, id: uuidv7(now), t: 'pageview' },
    ...Array.from({ length: TAPS.buy / 2 }, (_, i) => tap(BUY, 'onBuy#buy', i)),
    ...Array.from({ length: TAPS.banner / 2 }, (_, i) => tap(BANNER, 'onBanner[data-id=7]', i)),
  ];
}

beforeAll(async () => {
  server = await startServer({ prepare: storeRouteSnapshot });
  browser = await launchBrowser();
  const now = Date.now();
  await postBatch(server.url, 'demo', [...visit(375, 'small', now), ...visit(414, 'large', now)]);
  // The flusher moves the spool into the store about once a second.
  const url = `${server.url}/api/heatmap/clicks?site=demo&page=${encodeURIComponent(ROUTE)}&device=mobile&scale=width`;
  const stored = async () => ((await (await fetch(url)).json()) as { total: number }).total;
  await waitUntil(
    async () => (await stored()) >= TAPS.buy + TAPS.banner,
    'the posted taps did not reach the heatmap API',
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** RGBA of the heat canvas at page points (CSS px of the page at 375 px wide). */
const heatAt = (page: Page, points: Point[]) =>
  page.evaluate(
    ({ points, width }) => {
      const canvas = document.getElementById('heat') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const s = canvas.width / width;
      return points.map((p) => [...ctx.getImageData(Math.round(p.x * s), Math.round(p.y * s), 1, 1).data]);
    },
    { points, width: REFERENCE },
  );

/** RGB on screen at a page point (CSS px of the page at 375 px wide), heat and backdrop together. */
async function seen(page: Page, at: Point): Promise<number[]> {
  const box = await page.locator('#frame-box').boundingBox();
  if (!box) throw new Error('no frame box');
  const k = box.width / REFERENCE;
  const shot = await page.screenshot({
    clip: { x: box.x + at.x * k, y: box.y + at.y * k, width: 1, height: 1 },
  });
  const [pixel] = await pngPixels(page, shot, [{ x: 0, y: 0 }]);
  return pixel?.slice(0, 3) ?? [];
}

describe('a mini-program page in the viewer', () => {
  it('opens in the mobile bucket and draws the taps of both phone widths on one spot of a 375 px page, then over a kept screenshot', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/heatmap/clicks')) asked.push(r.url());
    });
    // A shared link without a device: desktop by default, where a mini-program has no taps.
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(ROUTE)}`);
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('device')).toBe('mobile');
    expect(await page.isChecked('#device input[value="mobile"]')).toBe(true);

    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(new URL(url).searchParams.get('scale')).toBe('width');
    expect(await page.textContent('#summary')).toContain(`Clicks ${TAPS.buy + TAPS.banner}`);
    // A plain page 375 px wide (no web page to frame, and not the stored 414 px snapshot), as
    // tall as the page scaled to it.
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('none');
    expect(await page.textContent('#summary')).toContain('drawn at 375 px wide · page 1,334 px tall');

    const far: Point[] = [
      { x: 40, y: 1250 },
      { x: 330, y: 900 },
    ];
    const [buy, banner, ...cold] = await heatAt(page, [BUY, BANNER, ...far]);
    // All 12 taps on the buy button (6 from each phone) make the hottest spot: red, opaque.
    expect(buy?.[3]).toBeGreaterThan(200);
    expect(buy?.[0]).toBeGreaterThan(200);
    // A third as many on the banner: visible, cooler.
    expect(banner?.[3]).toBeGreaterThan(40);
    expect(banner?.[3]).toBeLessThan(buy?.[3] ?? 0);
    for (const c of cold) expect(c[3]).toBe(0);

    // The analyst picks a screenshot taken on a 414 px phone at 2x: it is shown 375 px wide
    // behind the same heat.
    const png = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 828;
      canvas.height = 2946;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.fillStyle = '#f4f4f4';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      // The navigation bar, 100 px tall at 414 px wide (90.6 px at 375).
      ctx.fillStyle = '#07c160';
      ctx.fillRect(0, 0, canvas.width, 200);
      return canvas.toDataURL('image/png').split(',')[1] as string;
    });
    await page.setInputFiles('#backdrop-file', {
      name: 'goods.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png, 'base64'),
    });
    await expect.poll(() => page.getAttribute('#stage', 'data-backdrop')).toBe('image');
    await page.waitForSelector('#stage[data-state="drawn"]');
    const shown = await page.evaluate(() => {
      const img = document.querySelector('.backdrop-image') as HTMLImageElement;
      return { width: img.style.width, natural: img.naturalWidth };
    });
    expect(shown).toEqual({ width: `${REFERENCE}px`, natural: 828 });
    const [again] = await heatAt(page, [BUY]);
    expect(again?.[3]).toBeGreaterThan(200);
    // What the analyst sees there: the screenshot's green bar at the top, its grey below.
    expect(await seen(page, { x: 40, y: 40 })).toEqual([7, 193, 96]);
    expect(await seen(page, { x: 40, y: 300 })).toEqual([244, 244, 244]);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-mini.png'), fullPage: true });

    // The screenshot is kept in this browser for the site and page: a reload shows it again.
    await page.reload();
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('image');
    expect(
      await page.evaluate(() => (document.querySelector('.backdrop-image') as HTMLImageElement).naturalWidth),
    ).toBe(828);
    expect(await seen(page, { x: 40, y: 40 })).toEqual([7, 193, 96]);
    // Removed, it is gone, after a reload too.
    await page.click('#backdrop-remove');
    await expect.poll(() => page.getAttribute('#stage', 'data-backdrop')).toBe('none');
    expect(await page.isHidden('#backdrop-remove')).toBe(true);
    await page.reload();
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('none');
    expect(await page.isHidden('#backdrop-remove')).toBe(true);
    await context.close();
  });

  it('switches to the mobile bucket when the page is picked from the list on desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await page.waitForSelector(`#page-list button[data-page="${ROUTE}"]`, { timeout: 30_000 });
    expect(await page.isChecked('#device input[value="desktop"]')).toBe(true);
    await page.click(`#page-list button[data-page="${ROUTE}"]`);
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('device')).toBe('mobile');
    expect(await page.isChecked('#device input[value="mobile"]')).toBe(true);
    expect(await page.textContent('#summary')).toContain(`Clicks ${TAPS.buy + TAPS.banner}`);
    // A web page stays in the bucket the analyst chose.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('device')).toBeNull();
    expect(await page.isChecked('#device input[value="desktop"]')).toBe(true);
    await context.close();
  });
});
