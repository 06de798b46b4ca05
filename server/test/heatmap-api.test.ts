import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await freshStore([
    { key: 'shop', name: 'Shop', origins: [] },
    { key: 'other', name: 'Other', origins: [] },
  ]);
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
  const send = async (site: string, events: unknown[]) => {
    const response = await app.request('/v1/batch', { method: 'POST', body: batch(events, site) });
    expect(response.status).toBe(200);
  };
  await send('shop', [
    pageview(now, { dh: 2000 }),
    pageview(now, { dh: 2400 }),
    pageview(now, { dh: 2400 }),
    // Three clicks in one cell of a 1280-wide page, one in another, one on a phone.
    click(640, 1203, now, { dh: 2400 }),
    click(645, 1208, now, { dh: 2400 }),
    click(649, 1200, now, { dh: 2400 }),
    click(12, 35, now, { dh: 2400 }),
    click(100, 100, now, { vw: 390, dw: 390 }),
    pageview(now, { pk: '/demo/cart', url: 'http://127.0.0.1/demo/cart' }),
  ]);
  await send('other', [click(640, 1203, now)]);
});
afterAll(() => db.cleanup());

const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: await response.json() };
};

describe('GET /api/heatmap/clicks', () => {
  it('bins clicks by fraction of document width and by rows of pixels', async () => {
    const { status, body } = await get(
      `/api/heatmap/clicks?site=shop&page=/demo/product/:id&from=${today}&to=${today}`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      pageKey: '/demo/product/:id',
      device: 'desktop',
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

  it('keeps device classes apart: a 390 px wide click is mobile', async () => {
    const { body } = await get('/api/heatmap/clicks?site=shop&page=/demo/product/:id&device=mobile');
    expect(body.cells).toEqual([{ x: 25, y: 10, n: 1 }]);
    expect(body.width).toBe(390);
  });

  it('returns nothing outside the date range', async () => {
    const { body } = await get(
      '/api/heatmap/clicks?site=shop&page=/demo/product/:id&from=2020-01-01&to=2020-01-31',
    );
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
  });
});

describe('GET /api/pages and /api/sites', () => {
  it('lists page keys most viewed first with their clicks and a URL to show', async () => {
    const { body } = await get('/api/pages?site=shop');
    expect(body.pages).toEqual([
      { pageKey: '/demo/product/:id', url: 'http://127.0.0.1/demo/product/7', pageviews: 3, clicks: 5 },
      { pageKey: '/demo/cart', url: 'http://127.0.0.1/demo/cart', pageviews: 1, clicks: 0 },
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
