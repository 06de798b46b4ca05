/**
 * Mini-program taps end to end on the server: the tap fields are validated and stored, the
 * click heatmap normalised by width puts the same spot of two phone widths in one cell, and
 * the element ranking names mini-program elements by handler, id and dataset.
 */
import type { ClickEvent, PageviewEvent } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, appPrintingErrors } from './helpers/app.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: App;
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);
const route = '/pages/goods/index';

/** A phone `width` px wide showing the goods page (WeChat: the document is the window). */
const phone = (width: number, a: string) => ({
  p: 'weapp' as const,
  url: `${route}?id=7`,
  pk: route,
  a,
  vw: width,
  vh: Math.round(width * 1.78),
  dw: width,
});
/** A tap at page point (x, y) with the page scrolled to `sy`, as the mini SDK sends it. */
const tap = (width: number, a: string, x: number, y: number, sy: number, extra: Partial<ClickEvent> = {}) =>
  click(x, y, now, {
    ...phone(width, a),
    dh: Math.round(width * 1.78),
    sel: 'onBuy#buy[data-sku=A1]',
    sh: 'b0b0b0b0',
    ex: undefined,
    ey: undefined,
    ew: undefined,
    eh: undefined,
    cx: x,
    cy: y - sy,
    sy,
    ...extra,
  });
const view = (width: number, a: string, dh: number): PageviewEvent =>
  pageview(now, { ...phone(width, a), dh });

const send = async (events: unknown[]) => {
  const response = await app.request('/v1/batch', { method: 'POST', body: batch(events, 'shop') });
  return {
    status: response.status,
    body: (await response.json()) as { accepted: number; rejected: unknown[] },
  };
};
const get = async (path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: await response.json() };
};
const query = `site=shop&page=${route}&device=mobile&from=${today}&to=${today}`;

beforeAll(async () => {
  db = await freshStore([{ key: 'shop', name: 'Shop', origins: [] }]);
  app = appPrintingErrors(db.store);
  // The same page on a 375 px and a 414 px phone; the layout scales with the width (rpx),
  // so the document is 1334 px tall at 375 and 1473 px at 414.
  const answer = await send([
    view(375, 'small', 1334),
    view(414, 'large', 1473),
    // The buy button: 100 px from the left and 500 px down the page at 375 px wide, the same
    // spot at 414 px wide is 110 px and 552 px; the second tap is a long press.
    tap(375, 'small', 100, 500, 200),
    tap(414, 'large', 110, 552, 0, { tk: 'longpress' }),
    // Elsewhere on the large phone, another element without an id.
    tap(414, 'large', 300, 1000, 400, { sel: 'onPick[data-index=2]', sh: 'c0c0c0c0' }),
  ]);
  expect(answer).toEqual({ status: 200, body: { accepted: 5, rejected: [] } });
});
afterAll(() => db.cleanup());

describe('mini-program tap fields', () => {
  it('stores the viewport point, scroll top and tap kind, NULL where a web click sent none', async () => {
    await send([click(10, 20, now, { pk: '/web' })]);
    const stored = await rows<Record<string, unknown>>(
      db.store,
      `SELECT platform, x, y, client_x, client_y, scroll_top, tap_kind FROM ${db.store.table('events')}
        WHERE type = 'click' ORDER BY x`,
    );
    expect(stored).toEqual([
      { platform: 'web', x: 10, y: 20, client_x: null, client_y: null, scroll_top: null, tap_kind: '' },
      { platform: 'weapp', x: 100, y: 500, client_x: 100, client_y: 300, scroll_top: 200, tap_kind: '' },
      {
        platform: 'weapp',
        x: 110,
        y: 552,
        client_x: 110,
        client_y: 552,
        scroll_top: 0,
        tap_kind: 'longpress',
      },
      { platform: 'weapp', x: 300, y: 1000, client_x: 300, client_y: 600, scroll_top: 400, tap_kind: '' },
    ]);
  });

  it('refuses bad tap fields by name and keeps the rest of the batch', async () => {
    const { status, body } = await send([
      tap(375, 'bad', 1, 1, 0, { cy: -3 }),
      tap(375, 'bad', 1, 1, 0, { tk: 'swipe' as never }),
      tap(375, 'bad', 1, 1, 0, { sy: '12' as never }),
    ]);
    expect(status).toBe(400);
    expect(body.rejected).toMatchObject([
      { index: 0, reason: 'invalid_field', field: 'cy', message: 'cy must be a number from 0 to 1000000' },
      { index: 1, reason: 'invalid_field', field: 'tk', message: 'tk must be one of tap, longpress' },
      { index: 2, reason: 'invalid_field', field: 'sy' },
    ]);
  });
});

describe('GET /api/heatmap/clicks?scale=width', () => {
  it('puts the same spot of a 375 px and a 414 px phone in one cell, scaled to 375 px wide', async () => {
    const { status, body } = await get(`/api/heatmap/clicks?${query}&scale=width`);
    expect(status).toBe(200);
    expect(body).toEqual({
      pageKey: route,
      device: 'mobile',
      layer: 'clicks',
      scale: 'width',
      columns: 100,
      rowHeight: 10,
      width: 375,
      // Median page height at 375 px wide: 1334 and 1473 * 375 / 414 = 1334.2.
      docHeight: 1334,
      total: 3,
      cells: [
        // 100 / 375 and 110 / 414 of the width; 500 * 375 / 375 and 552 * 375 / 414 = 500 px.
        { x: 26, y: 50, n: 2 },
        // 300 / 414 of the width, 1000 * 375 / 414 = 905.8 px down.
        { x: 72, y: 90, n: 1 },
      ],
    });
  });

  it('without it keeps rows in page px, where the two phones disagree', async () => {
    const { body } = await get(`/api/heatmap/clicks?${query}`);
    expect(body).toMatchObject({ scale: 'document', width: 390 });
    expect(body.cells).toEqual([
      { x: 26, y: 50, n: 1 },
      { x: 26, y: 55, n: 1 },
      { x: 72, y: 100, n: 1 },
    ]);
  });

  it('narrows by platform and by raw-event segments the same way', async () => {
    const alipay = await get(`/api/heatmap/clicks?${query}&scale=width&platform=alipay`);
    expect(alipay.body).toMatchObject({ total: 0, cells: [], docHeight: 0 });
    // A property segment runs the same aggregation over raw events: nobody sent `pr`.
    const none = await get(`/api/heatmap/clicks?${query}&scale=width&prop=plan:gold`);
    expect(none.body).toMatchObject({ total: 0, cells: [] });
    const newcomers = await get(`/api/heatmap/clicks?${query}&scale=width&visitor=new`);
    expect(newcomers.body.cells).toEqual([
      { x: 26, y: 50, n: 2 },
      { x: 72, y: 90, n: 1 },
    ]);
  });

  it('says when the scale is not one it knows', async () => {
    const { status, body } = await get(`/api/heatmap/clicks?${query}&scale=rpx`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_parameter', message: 'scale must be one of document, width' });
  });
});

describe('GET /api/heatmap/elements for a mini-program page', () => {
  it('ranks elements by handler, id and dataset, long presses with taps, without made-up positions', async () => {
    const { body } = await get(`/api/heatmap/elements?${query}`);
    expect(body.elements).toEqual([
      {
        hash: 'b0b0b0b0',
        selector: 'onBuy#buy[data-sku=A1]',
        clicks: 2,
        clickers: 2,
        rate: 1,
        rage: 0,
        dead: 0,
        positions: [],
      },
      {
        hash: 'c0c0c0c0',
        selector: 'onPick[data-index=2]',
        clicks: 1,
        clickers: 1,
        rate: 0.5,
        rage: 0,
        dead: 0,
        positions: [],
      },
    ]);
  });
});
