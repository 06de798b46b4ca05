import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, appPrintingErrors } from './helpers/app.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: App;
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);
const product = '/demo/product/:id';

const scroll = (md: number, vh: number, dh: number, att: number[], extra: Partial<WireEvent> = {}) =>
  ({ ...pageview(now, { vh, dh }), t: 'scroll', md, att, ...extra }) as WireEvent;

beforeAll(async () => {
  db = await freshStore([
    { key: 'shop', name: 'Shop', origins: [] },
    { key: 'other', name: 'Other', origins: [] },
  ]);
  app = appPrintingErrors(db.store);
  const send = async (site: string, events: unknown[]) => {
    const response = await app.request('/v1/batch', { method: 'POST', body: batch(events, site) });
    expect(response.status).toBe(200);
  };
  const cart = { sel: 'button#add-to-cart', sh: 'aaaa0001' };
  const size = { sel: 'div.sizes > button.size', sh: 'aaaa0002' };
  await send('shop', [
    pageview(now, { dh: 2000 }),
    pageview(now, { dh: 2400 }),
    pageview(now, { dh: 2400, a: 'anon-2', ch: 'wechat' }),
    pageview(now, { dh: 2400, a: 'anon-2', ch: 'wechat' }),
    // Three clicks in one cell of a 1280-wide page (one of them a rage click), one elsewhere,
    // one on a phone.
    click(640, 1203, now, { dh: 2400, ...cart, ex: 0.15, ey: 0.55 }),
    click(645, 1208, now, { dh: 2400, ...cart, ex: 0.15, ey: 0.55, rg: 1 }),
    click(649, 1200, now, { dh: 2400, ...cart, a: 'anon-2', ch: 'wechat', ex: 0.95, ey: 0.05 }),
    click(12, 35, now, { dh: 2400, ...size }),
    click(100, 100, now, { vw: 390, dw: 390 }),
    pageview(now, { pk: '/demo/cart', url: 'http://127.0.0.1/demo/cart' }),
    // Scroll: four page views reaching 25 %, 50 %, 50 % and 100 % of a 2000 px page, fold 800.
    scroll(500, 800, 2000, [4, 2]),
    scroll(1000, 800, 2000, [2, 2]),
    scroll(1000, 800, 2000, []),
    scroll(2000, 800, 2000, [6, 2, 1], { a: 'anon-2', ch: 'wechat' }),
    { ...pageview(now), t: 'custom', n: 'coupon', pr: { code: 'AUTUMN' }, a: 'anon-2' },
  ]);
  await send('other', [click(640, 1203, now)]);
});
afterAll(() => db.cleanup());

const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: await response.json() };
};
const heat = (extra = '') =>
  get(`/api/heatmap/clicks?site=shop&page=${product}&from=${today}&to=${today}${extra}`);

describe('GET /api/heatmap/clicks', () => {
  it('bins clicks by fraction of document width and by rows of pixels', async () => {
    const { status, body } = await heat();
    expect(status).toBe(200);
    expect(body).toEqual({
      pageKey: product,
      device: 'desktop',
      layer: 'clicks',
      scale: 'document',
      columns: 100,
      rowHeight: 10,
      width: 1280,
      docHeight: 2400,
      total: 4,
      cells: [
        { x: 0, y: 3, n: 1 },
        { x: 50, y: 120, n: 3 },
      ],
    });
  });

  it('draws the rage click layer from the same cells', async () => {
    const { body } = await heat('&layer=rage');
    expect(body.cells).toEqual([{ x: 50, y: 120, n: 1 }]);
  });

  it('keeps device classes apart: a 390 px wide click is mobile', async () => {
    const { body } = await get(`/api/heatmap/clicks?site=shop&page=${product}&device=mobile`);
    expect(body.cells).toEqual([{ x: 25, y: 10, n: 1 }]);
    expect(body.width).toBe(390);
  });

  it('narrows to a segment, from the aggregates (channel) or from raw events (property, new visitors)', async () => {
    expect((await heat('&channel=wechat')).body.cells).toEqual([{ x: 50, y: 120, n: 1 }]);
    // anon-2 sent the coupon event: its one click.
    expect((await heat('&prop=code:AUTUMN')).body.cells).toEqual([{ x: 50, y: 120, n: 1 }]);
    // Everyone was first seen today, so "new" is everyone and "returning" nobody.
    expect((await heat('&visitor=new')).body).toEqual((await heat()).body);
    expect((await heat('&visitor=returning')).body.cells).toEqual([]);
  });

  it('narrows to a funnel cohort: visitors who viewed the product but never the cart', async () => {
    const funnel = {
      site: 'shop',
      from: today,
      to: today,
      steps: [
        { match: { kind: 'pageview', pageKey: product } },
        { match: { kind: 'pageview', pageKey: '/demo/cart' } },
      ],
    };
    // anon-1 viewed the cart too (it reached step 2); anon-2 left after step 1.
    const left = await heat(`&cohort=${encodeURIComponent(JSON.stringify({ funnel, reached: 1 }))}`);
    expect(left.body.cells).toEqual([{ x: 50, y: 120, n: 1 }]);
    const bad = await heat(`&cohort=${encodeURIComponent(JSON.stringify({ funnel, reached: 5 }))}`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/reached must be a step number from 1 to 2/);
  });

  it('returns nothing outside the date range', async () => {
    const { body } = await get(`/api/heatmap/clicks?site=shop&page=${product}&from=2020-01-01&to=2020-01-31`);
    expect(body).toMatchObject({ total: 0, cells: [], docHeight: 0 });
  });

  it('says which parameter is wrong', async () => {
    const missing = await get('/api/heatmap/clicks?site=shop');
    expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_parameter' } });
    expect(missing.body.message).toMatch(/page is required/);
    const device = await get('/api/heatmap/clicks?site=shop&page=/x&device=watch');
    expect(device.body.message).toMatch(/device must be one of desktop, tablet, mobile/);
    const date = await get('/api/heatmap/clicks?site=shop&page=/x&from=yesterday');
    expect(date.body.message).toMatch(/from must be a date/);
    expect((await get('/api/heatmap/clicks?site=shop&page=/x&layer=hover')).status).toBe(400);
  });
});

describe('GET /api/heatmap/elements', () => {
  it('ranks elements by clicks with unique clickers, click rate and positions inside them', async () => {
    const { body } = await get(`/api/heatmap/elements?site=shop&page=${product}&from=${today}&to=${today}`);
    expect(body.elements).toEqual([
      {
        hash: 'aaaa0001',
        selector: 'button#add-to-cart',
        clicks: 3,
        clickers: 2,
        rate: 0.75, // 3 clicks over 4 page views
        rage: 1,
        dead: 0,
        // [column, row, clicks] in row-major order: (9, 0) before (1, 5)
        positions: [
          [9, 0, 1],
          [1, 5, 2],
        ],
      },
      {
        hash: 'aaaa0002',
        selector: 'div.sizes > button.size',
        clicks: 1,
        clickers: 1,
        rate: 0.25,
        rage: 0,
        dead: 0,
        positions: [[5, 5, 1]],
      },
    ]);
    const wechat = await get(`/api/heatmap/elements?site=shop&page=${product}&channel=wechat`);
    expect(wechat.body.elements).toMatchObject([{ hash: 'aaaa0001', clicks: 1, rate: 0.5 }]);
  });
});

describe('GET /api/heatmap/scroll', () => {
  it('gives the share of page views reaching each depth, the fold and attention per band', async () => {
    const { body } = await get(`/api/heatmap/scroll?site=shop&page=${product}`);
    expect(body.views).toBe(4);
    expect(body.stepPercent).toBe(5);
    expect(body.reach[0]).toBe(1);
    expect(body.reach[5]).toBe(1); // 25 %
    expect(body.reach[6]).toBe(0.75); // 30 %
    expect(body.reach[10]).toBe(0.75); // 50 %
    expect(body.reach[11]).toBe(0.25);
    expect(body.reach[20]).toBe(0.25); // 100 %
    expect(body.foldPercent).toBe(40);
    expect(body.averageFold).toBe(800);
    // Three page views sent attention (12, 6 and 1 s in the first three bands), averaged over them.
    expect(body.attention.views).toBe(3);
    expect(body.attention.seconds.slice(0, 4)).toEqual([4, 2, 1 / 3, 0]);
    expect(body.attention.seconds).toHaveLength(20);
  });
});

describe('GET /api/pages and /api/sites', () => {
  it('lists page keys most viewed first with clicks, a URL to show and the median scroll depth', async () => {
    const { body } = await get('/api/pages?site=shop');
    expect(body.pages).toEqual([
      {
        pageKey: product,
        url: 'http://127.0.0.1/demo/product/7',
        pageviews: 4,
        clicks: 5,
        medianScrollDepth: 50,
      },
      {
        pageKey: '/demo/cart',
        url: 'http://127.0.0.1/demo/cart',
        pageviews: 1,
        clicks: 0,
        medianScrollDepth: null,
      },
    ]);
  });

  it('lists the sites', async () => {
    const { body } = await get('/api/sites');
    expect(body.sites).toEqual([
      { key: 'other', name: 'Other' },
      { key: 'shop', name: 'Shop' },
    ]);
  });
});
