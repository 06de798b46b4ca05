/**
 * Known data for the viewer's browser tests: clicks at measured document points of the
 * real demo product page (desktop, 1280 wide) and a few on the cart page, posted through
 * `POST /v1/batch` exactly as the SDK would, then waited for until the API serves them.
 */
import { join } from 'node:path';
import {
  ATTENTION_BANDS,
  BATCH_PATH,
  type Batch,
  PROTOCOL_VERSION,
  type WireEvent,
} from '@heatfunnel/sdk/protocol';
import type { Browser, Page } from 'playwright-core';
import { REPO_DIR } from './server';

export const ARTIFACTS = join(REPO_DIR, '.test-artifacts');
export const PRODUCT_KEY = '/demo/product/:id';
export const CART_KEY = '/demo/cart';
export const WIDTH = 1280;

export type Point = { x: number; y: number };
type Box = Point & { width: number; height: number };

/** What the fixture posted, for the tests to check the drawing against. */
export interface KnownClicks {
  addToCart: Point;
  products: Point;
  docHeight: number;
  clicks: Point[];
  cartClicks: number;
  /** Of the 10 clicks on "Products", this many are flagged as rage clicks. */
  rageClicks: number;
  /** Scroll events of the product page: deepest point as a share of the document. */
  scrollDepths: number[];
  /** Seconds each scroll event reports for every attention band (the same for all). */
  attentionSeconds: number[];
}

/** Rage clicks among the "Products" clicks, scroll depths and attention the fixture posts. */
const RAGE_CLICKS = 5;
const SCROLL_DEPTHS = [1, 1, 0.5, 0.25];
const ATTENTION = Array.from({ length: ATTENTION_BANDS }, (_, i) => (i === 0 ? 10 : i < 5 ? 4 : 0));

let seq = 0;
/** A UUIDv7: 48-bit ms timestamp, version 7, variant 10, then a counter and random bits. */
export function uuidv7(ms: number): string {
  const hex = ms.toString(16).padStart(12, '0');
  const tail = `${(seq++).toString(16).padStart(6, '0')}${Math.random().toString(16).slice(2, 16).padEnd(14, '0')}`;
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${tail.slice(0, 3)}-a${tail.slice(3, 6)}-${tail.slice(6, 18)}`;
}

async function measureProductPage(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 } });
  const page = await context.newPage();
  // The page carries the tracking snippet; keep this measuring visit out of the data.
  await page.route('**/sdk/**', (route) => route.abort());
  await page.goto(`${base}/demo/product/1`);
  const found = await page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (!r) throw new Error(`no ${sel} on the product page`);
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
    };
    return {
      addToCart: box('#add-to-cart'),
      products: box('.nav-products'),
      docHeight: document.documentElement.scrollHeight,
    };
  });
  await context.close();
  return found;
}

/**
 * Opens the viewer at `query` (e.g. `?site=demo&page=...`) in a fresh 1600 × 1000 en-US
 * context; resolves once the heat is drawn.
 */
export async function openDrawn(browser: Browser, base: string, query: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${base}/${query}`);
  await page.waitForSelector('#stage[data-state="drawn"]', { timeout: 30_000 });
  return page;
}

/** Posts `events` for `site` as one batch, as the SDK would; throws unless every event was taken. */
export async function postBatch(base: string, site: string, events: WireEvent[]): Promise<void> {
  const batch: Batch = { k: site, v: PROTOCOL_VERSION, e: events };
  const posted = await fetch(`${base}${BATCH_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(batch),
  });
  const answer = await posted.json();
  if (posted.status !== 200 || answer.accepted !== events.length) {
    throw new Error(`the batch was not taken whole: ${posted.status} ${JSON.stringify(answer)}`);
  }
}

/**
 * Polls `check` every 250 ms until it holds; throws `${what} within 30 s` after that. The
 * flusher moves spooled events into the store shortly after the answer, so tests wait.
 */
export async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Posts the known clicks and resolves once the heatmap API counts all of them. */
export async function postKnownClicks(browser: Browser, base: string): Promise<KnownClicks> {
  const boxes = await measureProductPage(browser, base);
  const { docHeight } = boxes;
  const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
  const addToCart = centre(boxes.addToCart);
  const products = centre(boxes.products);
  // As the SDK sends them: the click's place inside its element (share of its size) and the size.
  const inside = (b: Box, p: Point) => ({
    ex: Math.round(((p.x - b.x) / b.width) * 1e4) / 1e4,
    ey: Math.round(((p.y - b.y) / b.height) * 1e4) / 1e4,
    ew: Math.round(b.width),
    eh: Math.round(b.height),
  });
  const now = Date.now();
  const visit = (pk: string, path: string) =>
    ({
      a: 'anon-viewer-test',
      s: 'session-viewer-test',
      p: 'web',
      url: `${base}${path}`,
      pk,
      vw: WIDTH,
      vh: 800,
      dw: WIDTH,
      dh: docHeight,
    }) as const;
  // 30 clicks on "Add to cart", 10 on the "Products" link, each jittered a few px.
  const clicks: Point[] = [
    ...Array.from({ length: 30 }, (_, i) => ({
      x: addToCart.x + ((i % 5) - 2) * 2,
      y: addToCart.y + ((Math.floor(i / 5) % 3) - 1) * 2,
    })),
    ...Array.from({ length: 10 }, (_, i) => ({ x: products.x + ((i % 3) - 1) * 2, y: products.y })),
  ];
  const product = visit(PRODUCT_KEY, '/demo/product/1');
  const cart = visit(CART_KEY, '/demo/cart');
  const click = (
    v: typeof product,
    p: Point,
    i: number,
    sel: string,
    rage = false,
    box: Box | null = null,
  ): WireEvent => ({
    ...v,
    id: uuidv7(now + i),
    ts: now + i,
    t: 'click',
    x: Math.round(p.x),
    y: Math.round(p.y),
    sel,
    ...(box ? inside(box, p) : {}),
    ...(rage ? { rg: 1 as const } : {}),
  });
  const events: WireEvent[] = [
    { ...product, id: uuidv7(now), ts: now, t: 'pageview' },
    ...clicks.map((c, i) =>
      i < 30
        ? click(product, c, i + 1, 'button#add-to-cart', false, boxes.addToCart)
        : click(product, c, i + 1, 'a.nav-products', i >= 40 - RAGE_CLICKS, boxes.products),
    ),
    ...SCROLL_DEPTHS.map(
      (d, i): WireEvent => ({
        ...product,
        s: `session-scroll-${i}`,
        id: uuidv7(now + 50 + i),
        ts: now + 50 + i,
        t: 'scroll',
        md: Math.round(d * docHeight),
        att: ATTENTION,
      }),
    ),
    { ...cart, id: uuidv7(now + 100), ts: now + 100, t: 'pageview' },
    click(cart, { x: 200, y: 300 }, 101, 'a.checkout'),
    click(cart, { x: 204, y: 300 }, 102, 'a.checkout'),
  ];
  await postBatch(base, 'demo', events);
  // The flusher moves spooled events into the store shortly after the answer.
  const total = async (pk: string) => {
    const q = new URLSearchParams({ site: 'demo', page: pk, device: 'desktop' });
    return ((await (await fetch(`${base}/api/heatmap/clicks?${q}`)).json()) as { total: number }).total;
  };
  await waitUntil(
    async () => (await total(PRODUCT_KEY)) === clicks.length && (await total(CART_KEY)) === 2,
    'the posted clicks did not reach the heatmap API',
  );
  return {
    addToCart,
    products,
    docHeight,
    clicks,
    cartClicks: 2,
    rageClicks: RAGE_CLICKS,
    scrollDepths: SCROLL_DEPTHS,
    attentionSeconds: ATTENTION,
  };
}

/** RGBA of a PNG (a screenshot or an export) at pixel points, decoded by the browser itself. */
export function pngPixels(
  page: import('playwright-core').Page,
  png: Buffer,
  points: Point[],
): Promise<number[][]> {
  return page.evaluate(
    async ({ data, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      return points.map((p) => [...ctx.getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data]);
    },
    { data: png.toString('base64'), points },
  );
}

/** Reads pixels of a heat canvas (`heat`, or `heat-b` beside it) at document points (CSS px at the reference width). */
export function canvasPixels(page: import('playwright-core').Page, points: Point[], canvasId = 'heat') {
  return page.evaluate(
    ({ points, width, canvasId }) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      const s = canvas.width / width;
      return points.map((p) => [...ctx.getImageData(Math.round(p.x * s), Math.round(p.y * s), 1, 1).data]);
    },
    { points, width: WIDTH, canvasId },
  );
}
