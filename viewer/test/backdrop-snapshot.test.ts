/**
 * The heatmap's backdrop is the page's stored snapshot, end to end: snapshots written into
 * the store before the real server starts (the demo product page's committed snapshot, as
 * if taken in a 1,500 px window, and a page whose snapshot carries scripts), known clicks
 * posted through `POST /v1/batch`, and the viewer in Chromium. Checked: the backdrop's
 * pixels are the snapshot's, heat placed by element lands on the element as the snapshot
 * lays it out at its own width, nothing in a snapshot runs, hovering a ranked element
 * outlines it in the snapshot, clicks of elements the snapshot lacks are drawn where they
 * were clicked, and the live page stays an option (also when chosen while the snapshot code
 * is still on its way).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  openDrawn,
  type Point,
  PRODUCT_KEY,
  pngPixels,
  postBatch,
  uuidv7,
  waitUntil,
} from './fixture';
import { REPO_DIR, startServer, type TestServer } from './server';
import { snapshotRow, storeSnapshotRows } from './snapshot-rows';

/** The width the product page's snapshot was taken at: wider than the clicks' 1,280 px. */
const SNAPSHOT_WIDTH = 1500;
const SCRIPTED_KEY = '/scripted';
/** The scripted snapshot's swatch colour, and where the swatch is (document px). */
const SWATCH = { rgb: [0, 128, 255], x: 40, y: 40, width: 400, height: 300 };
/** What any script of the scripted snapshot would do if it ran. */
const RAN = 'ran-from-snapshot';

let server: TestServer;
let browser: Browser;
/** Where "Add to cart" was clicked: its centre on the live page at 1,280 px. */
let recorded: Point;
/** Clicks posted on "Add to cart", around the middle of the button. */
const CLICKS = 24;
/** Clicks on a banner the snapshot does not have, and where they were (1,280 px layout). */
const GONE = { clicks: 6, selector: 'div#spring-banner', at: { x: 200, y: 1100 } };

/** A serialised element (rrweb-snapshot's node shape). */
let nextId = 100;
const element = (tagName: string, attributes: Record<string, string>, ...childNodes: unknown[]) => ({
  type: 2,
  id: nextId++,
  tagName,
  attributes,
  childNodes,
});
const text = (textContent: string) => ({ type: 3, id: nextId++, textContent });

/** A page whose snapshot tries every way of running code: scripts, handlers, a javascript: link. */
const scriptedNode = () => ({
  type: 0,
  id: 1,
  childNodes: [
    { type: 1, id: 2, name: 'html', publicId: '', systemId: '' },
    element(
      'html',
      {},
      element(
        'head',
        {},
        element('style', {}, text('body { margin: 0 } #swatch { position: absolute }')),
        element('meta', { 'http-equiv': 'refresh', content: `0; url=/api/sites?${RAN}=refresh` }),
        element('script', {}, text(`fetch('/api/sites?${RAN}=script'); parent.window.__ran = true;`)),
      ),
      element(
        'body',
        { onload: `fetch('/api/sites?${RAN}=onload')` },
        element('div', {
          id: 'swatch',
          style: `left:${SWATCH.x}px;top:${SWATCH.y}px;width:${SWATCH.width}px;height:${SWATCH.height}px;background:rgb(${SWATCH.rgb.join(',')})`,
        }),
        element('img', { src: 'data:,broken', onerror: `fetch('/api/sites?${RAN}=onerror')` }),
        element('a', { id: 'js-link', href: `javascript:fetch('/api/sites?${RAN}=link')` }, text('link')),
        element('script', {}, text(`document.body.dataset.ran = '1'; fetch('/api/sites?${RAN}=body');`)),
        element('div', { style: 'height: 1200px' }),
      ),
    ),
  ],
});

/** Writes the test's snapshots into `dir` in a child process, before the server owns it. */
function storeSnapshots(dir: string) {
  const committed = JSON.parse(
    gunzipSync(readFileSync(join(REPO_DIR, 'server/src/demo/snapshots.json.gz'))).toString('utf8'),
  ) as Record<string, Record<string, { sn: unknown }>>;
  const product = committed.desktop?.[PRODUCT_KEY]?.sn;
  if (!product) throw new Error('the committed demo snapshots have no desktop product page');
  storeSnapshotRows(dir, [
    snapshotRow({
      pageKey: PRODUCT_KEY,
      width: SNAPSHOT_WIDTH,
      node: product,
      url: 'http://127.0.0.1/demo/product/1',
    }),
    snapshotRow({
      pageKey: SCRIPTED_KEY,
      width: 1280,
      node: scriptedNode(),
      url: 'http://127.0.0.1/scripted',
    }),
  ]);
}

/** Measures "Add to cart" on the live product page at 1,280 px and posts clicks on it, as the SDK would. */
async function postProductClicks(base: string): Promise<Point> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const shop = await context.newPage();
  await shop.route('**/sdk/**', (route) => route.abort());
  await shop.goto(`${base}/demo/product/1`);
  const button = await shop.evaluate(() => {
    const r = document.getElementById('add-to-cart')?.getBoundingClientRect();
    if (!r) throw new Error('no #add-to-cart on the product page');
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  });
  const dh = await shop.evaluate(() => document.documentElement.scrollHeight);
  await context.close();
  const now = Date.now();
  const visit = {
    a: 'anon-snapshot',
    s: 'session-snapshot',
    p: 'web',
    url: `${base}/demo/product/1`,
    pk: PRODUCT_KEY,
    vw: 1280,
    vh: 800,
    dw: 1280,
    dh,
  } as const;
  const events: WireEvent[] = [
    { ...visit, id: uuidv7(now), ts: now, t: 'pageview' },
    ...Array.from({ length: CLICKS }, (_, i): WireEvent => {
      // Around the middle of the button, as real clicks are.
      const ex = 0.4 + (i % 3) * 0.1;
      const ey = 0.4 + (Math.floor(i / 3) % 3) * 0.1;
      return {
        ...visit,
        id: uuidv7(now + 1 + i),
        ts: now + 1 + i,
        t: 'click',
        x: Math.round(button.x + ex * button.width),
        y: Math.round(button.y + ey * button.height),
        sel: 'button#add-to-cart',
        ex,
        ey,
        ew: Math.round(button.width),
        eh: Math.round(button.height),
      };
    }),
    ...Array.from(
      { length: GONE.clicks },
      (_, i): WireEvent => ({
        ...visit,
        id: uuidv7(now + 100 + i),
        ts: now + 100 + i,
        t: 'click',
        x: GONE.at.x,
        y: GONE.at.y,
        sel: GONE.selector,
        ex: 0.5,
        ey: 0.5,
        ew: 300,
        eh: 80,
      }),
    ),
  ];
  await postBatch(base, 'demo', events);
  await clicksStored(base, PRODUCT_KEY, CLICKS + GONE.clicks);
  return { x: button.x + button.width / 2, y: button.y + button.height / 2 };
}

/** Posts a page view and a few clicks of the scripted page, so it is listed. */
async function postScriptedPage(base: string) {
  const now = Date.now();
  const visit = {
    a: 'anon-scripted',
    s: 'session-scripted',
    p: 'web',
    url: `${base}/scripted`,
    pk: SCRIPTED_KEY,
    vw: 1280,
    vh: 800,
    dw: 1280,
    dh: 1500,
  } as const;
  const events: WireEvent[] = [
    { ...visit, id: uuidv7(now), ts: now, t: 'pageview' },
    ...Array.from(
      { length: 5 },
      (_, i): WireEvent => ({
        ...visit,
        id: uuidv7(now + 1 + i),
        ts: now + 1 + i,
        t: 'click',
        x: 200,
        y: 150,
        sel: 'div#swatch',
      }),
    ),
  ];
  await postBatch(base, 'demo', events);
  await clicksStored(base, SCRIPTED_KEY, 5);
}

/** Resolves once the heatmap API counts `n` clicks on `pageKey` (the flusher runs about once a second). */
async function clicksStored(base: string, pageKey: string, n: number, device = 'desktop') {
  const api = `${base}/api/heatmap/clicks?site=demo&page=${encodeURIComponent(pageKey)}&device=${device}`;
  await waitUntil(
    async () => ((await (await fetch(api)).json()) as { total: number }).total === n,
    `the clicks on ${pageKey} did not reach the heatmap API`,
  );
}

beforeAll(async () => {
  for (const file of ['heatfunnel.js', 'heatfunnel-snapshot.js']) {
    if (!existsSync(join(REPO_DIR, 'sdk', 'dist', file))) {
      throw new Error('the SDK is not built: run `npm test` from the repository root (it builds first)');
    }
  }
  server = await startServer({ prepare: storeSnapshots });
  browser = await launchBrowser();
  recorded = await postProductClicks(server.url);
  await postScriptedPage(server.url);
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const open = (query: string) => openDrawn(browser, server.url, query);

/** RGBA of the screen at points of the page (document px), with the heat hidden. */
async function backdropPixels(page: Page, points: { x: number; y: number }[]) {
  await page.evaluate(() => {
    (document.getElementById('heat') as HTMLCanvasElement).style.visibility = 'hidden';
  });
  const box = await page.locator('#frame-box').boundingBox();
  const scale = Number(await page.getAttribute('#heat', 'data-scale'));
  if (!box) throw new Error('no frame box');
  const shot = await page.screenshot();
  await page.evaluate(() => {
    (document.getElementById('heat') as HTMLCanvasElement).style.visibility = '';
  });
  return pngPixels(
    page,
    shot,
    points.map((p) => ({ x: box.x + 1 + p.x * scale, y: box.y + 1 + p.y * scale })),
  );
}

/** RGBA of the heat canvas at points of the page (document px, at whatever width it is drawn). */
const heatPixels = (page: Page, points: { x: number; y: number }[]) =>
  page.evaluate((points) => {
    const canvas = document.getElementById('heat') as HTMLCanvasElement;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    const s = Number(canvas.dataset.scale);
    return points.map((p) => [...ctx.getImageData(Math.round(p.x * s), Math.round(p.y * s), 1, 1).data]);
  }, points);

/** The box of `selector` in the backdrop document (document px). */
const boxInBackdrop = (page: Page, selector: string) =>
  page.evaluate((selector) => {
    const doc = (document.getElementById('frame') as HTMLIFrameElement).contentDocument;
    const r = doc?.querySelector(selector)?.getBoundingClientRect();
    if (!r) throw new Error(`no ${selector} in the backdrop`);
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  }, selector);

describe('snapshot backdrop', () => {
  it('shows the page’s snapshot, rebuilt at its own width in a frame that runs nothing', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('snapshot');
    expect(await page.getAttribute('#frame', 'sandbox')).toBe('allow-same-origin');
    expect(await page.getAttribute('#frame', 'src')).toBeNull();
    expect(await page.textContent('#backdrop-note')).toMatch(/^Snapshot of \d{4}-\d\d-\d\d, 1,500 px wide$/);
    expect(await page.textContent('#summary')).toContain('drawn at 1,500 px wide');
    expect(await page.inputValue('#backdrop')).toBe('snapshot');
    // The shop's header is its red (rgb 192, 57, 43), from the snapshot's inlined stylesheet.
    const header = await boxInBackdrop(page, 'header.top');
    expect(header.width).toBe(SNAPSHOT_WIDTH);
    const [red] = await backdropPixels(page, [{ x: header.width - 20, y: header.height / 2 }]);
    expect(Math.abs((red?.[0] ?? 0) - 192)).toBeLessThan(8);
    expect(Math.abs((red?.[1] ?? 0) - 57)).toBeLessThan(8);
    expect(Math.abs((red?.[2] ?? 0) - 43)).toBeLessThan(8);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-snapshot-backdrop.png') });
    await page.context().close();
  });

  it('places clicks by element (the default) on the element as the snapshot lays it out, wider than where they were clicked', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await expect
      .poll(() => page.textContent('#summary'))
      .toContain(
        `placed on elements: ${CLICKS} clicks; ${GONE.clicks} clicks drawn where they were clicked (element not in this page, or no position inside it recorded)`,
      );
    const button = await boxInBackdrop(page, '#add-to-cart');
    const centre = { x: button.x + button.width / 2, y: button.y + button.height / 2 };
    // At 1,500 px the button sits well right of where it was clicked at 1,280 px.
    expect(centre.x - recorded.x).toBeGreaterThan(60);
    // The banner is not in the snapshot: its clicks are drawn where they were clicked (x as a
    // share of the width, so at 1,500 px it sits proportionally further right).
    const banner = { x: (GONE.at.x / 1280) * SNAPSHOT_WIDTH, y: GONE.at.y };
    const [onButton, atRecorded, onBanner, nowhere] = await heatPixels(page, [
      centre,
      recorded,
      banner,
      { x: banner.x, y: banner.y + 200 },
    ]);
    expect(onButton?.[3]).toBeGreaterThan(200);
    expect(atRecorded?.[3] ?? 0).toBeLessThan(onButton?.[3] ?? 0);
    expect(onBanner?.[3]).toBeGreaterThan(60);
    expect(nowhere?.[3]).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-snapshot-element-placement.png') });

    // Hovering the ranked element outlines it where the snapshot has it.
    await page.hover('#element-rows tr[data-selector="button#add-to-cart"]');
    const outline = await page.locator('#highlights .highlight').boundingBox();
    const frame = await page.locator('#frame-box').boundingBox();
    const scale = Number(await page.getAttribute('#heat', 'data-scale'));
    if (!outline || !frame) throw new Error('no outline drawn');
    expect(Math.abs((outline.x - frame.x + outline.width / 2) / scale - centre.x)).toBeLessThan(3);
    expect(Math.abs((outline.y - frame.y + outline.height / 2) / scale - centre.y)).toBeLessThan(3);
    expect(Math.abs(outline.width / scale - button.width)).toBeLessThan(3);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-snapshot-hover.png') });
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('#highlights .highlight').count()).toBe(0);
    await page.context().close();
  });

  it('runs no script of a snapshot (script elements, handlers, javascript: links) and follows no refresh', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const ran: string[] = [];
    context.on('request', (r) => {
      if (r.url().includes(RAN)) ran.push(r.url());
    });
    page.on('dialog', (d) => {
      ran.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(SCRIPTED_KEY)}`);
    await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('snapshot');
    // The snapshot is there: its swatch is on screen in its colour.
    const [swatch] = await backdropPixels(page, [
      { x: SWATCH.x + SWATCH.width / 2, y: SWATCH.y + SWATCH.height / 2 },
    ]);
    expect(swatch?.slice(0, 3)).toEqual(SWATCH.rgb);
    // Give anything that could run the time to run; then nothing must have.
    await page.waitForTimeout(1500);
    const state = await page.evaluate(() => {
      const frame = document.getElementById('frame') as HTMLIFrameElement;
      const doc = frame.contentDocument;
      return {
        ranInViewer: (window as unknown as { __ran?: boolean }).__ran ?? false,
        ranInFrame: doc?.body?.dataset.ran ?? null,
        scripts: doc?.querySelectorAll('script').length ?? -1,
        sandbox: frame.getAttribute('sandbox'),
      };
    });
    expect(state).toEqual({ ranInViewer: false, ranInFrame: null, scripts: 0, sandbox: 'allow-same-origin' });
    // Even a click on the snapshot's javascript: link does nothing.
    await page.evaluate(() =>
      (document.getElementById('frame') as HTMLIFrameElement).contentDocument
        ?.getElementById('js-link')
        ?.click(),
    );
    await page.waitForTimeout(500);
    expect(ran).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-snapshot-scripted.png') });
    await context.close();
  });

  it('shows the snapshot the SDK took of a page a visitor opened, with what they typed masked', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const shop = await visitor.newPage();
    await shop.goto(`${server.url}/demo/checkout`);
    await shop.fill('input[name="name"]', 'Ada Lovelace');
    const snapshotApi = `${server.url}/api/snapshot?site=demo&page=${encodeURIComponent('/demo/checkout')}`;
    await waitUntil(
      async () => !!((await (await fetch(snapshotApi)).json()) as { snapshot: unknown }).snapshot,
      'the SDK did not upload a snapshot of the checkout page',
    );
    await shop.click('#place-order');
    await visitor.close(); // page hide: the SDK sends what it has
    await clicksStored(server.url, '/demo/checkout', 1);

    const page = await open(`?site=demo&page=${encodeURIComponent('/demo/checkout')}`);
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('snapshot');
    expect(await page.textContent('#backdrop-note')).toMatch(/^Snapshot of \d{4}-\d\d-\d\d, 1,280 px wide$/);
    const form = await page.evaluate(() => {
      const doc = (document.getElementById('frame') as HTMLIFrameElement).contentDocument;
      return {
        button: !!doc?.getElementById('place-order'),
        typed: doc?.documentElement.outerHTML.includes('Ada Lovelace'),
      };
    });
    expect(form).toEqual({ button: true, typed: false });
    await page.context().close();
  });

  it('frames the live page when the analyst chooses it, and keeps the choice in the URL', async () => {
    const page = await open(`?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await page.selectOption('#backdrop', 'live');
    await expect.poll(() => new URL(page.url()).searchParams.get('backdrop')).toBe('live');
    await expect.poll(() => page.getAttribute('#stage', 'data-backdrop')).toBe('live');
    await page.waitForSelector('#stage[data-state="drawn"]');
    expect(await page.getAttribute('#frame', 'src')).toBe(`${server.url}/demo/product/1`);
    expect(await page.getAttribute('#frame', 'sandbox')).toBe('allow-same-origin');
    await expect.poll(() => page.textContent('#summary')).toContain('drawn at 1,280 px wide');
    await page.reload();
    await page.waitForSelector('#stage[data-state="drawn"]');
    expect(await page.inputValue('#backdrop')).toBe('live');
    await page.goBack();
    await expect.poll(() => page.getAttribute('#stage', 'data-backdrop')).toBe('snapshot');
    await page.context().close();
  });

  it('keeps only the backdrop chosen last when it changes before the snapshot code arrives', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    // The code that rebuilds snapshots is a chunk of its own: hold it until the live page is shown.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let chunk = '';
    await page.route('**/chunks/rebuild-snapshot-*.js', async (route) => {
      chunk = route.request().url();
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}/?site=demo&page=${encodeURIComponent(PRODUCT_KEY)}`);
    await expect.poll(() => chunk).not.toBe('');
    await page.selectOption('#backdrop', 'live');
    await page.waitForSelector('#stage[data-state="drawn"][data-backdrop="live"]');
    release();
    // Importing the chunk again resolves once it has run: the held snapshot load has had its
    // turn. (A string, as vitest would rewrite an import() in a function it hands the page.)
    await page.evaluate(
      `import(${JSON.stringify(chunk)}).then(() => new Promise((r) => setTimeout(r, 300)))`,
    );
    const frames = await page.$$eval('#frame-box .frame-slot iframe', (list) =>
      list.map((f) => f.getAttribute('src')),
    );
    expect(frames).toEqual([`${server.url}/demo/product/1`]);
    expect(await page.getAttribute('#stage', 'data-state')).toBe('drawn');
    // The frame the heat is measured against and placed in is the live page's.
    expect(await page.evaluate(() => (document.getElementById('frame') as HTMLIFrameElement).src)).toBe(
      `${server.url}/demo/product/1`,
    );
    await context.close();
  });

  it('says so when a page has neither a snapshot nor an address to frame', async () => {
    const now = Date.now();
    const route = '/pages/nothing/index';
    const base = {
      a: 'anon-mini',
      s: 's-mini',
      p: 'weapp',
      url: route,
      pk: route,
      vw: 375,
      vh: 667,
      dw: 375,
      dh: 1334,
    } as const;
    // A tap on a phone, as the mini-program SDK sends it (page and viewport coordinates).
    const events: WireEvent[] = [
      { ...base, id: uuidv7(now), ts: now, t: 'pageview' },
      {
        ...base,
        id: uuidv7(now + 1),
        ts: now + 1,
        t: 'click',
        x: 100,
        y: 300,
        sel: 'onTap#go',
        cx: 100,
        cy: 100,
        sy: 200,
      },
    ];
    await postBatch(server.url, 'demo', events);
    await clicksStored(server.url, route, 1, 'mobile');
    // A mini-program page opens in the mobile bucket.
    const page = await open(`?site=demo&page=${encodeURIComponent(route)}`);
    expect(await page.getAttribute('#stage', 'data-backdrop')).toBe('none');
    expect(await page.textContent('#stage-status')).toBe(
      'No snapshot of this page yet, and no web address to frame: the heat is drawn on a blank page. Snapshots arrive once visitors open the page with the SDK.',
    );
    // Placing by element (the default) needs a page: the summary says the tap is drawn where it was.
    expect(await page.textContent('#summary')).toContain(
      'drawn where they were clicked (no page shown to find their elements in)',
    );
    await page.context().close();
  });
});
