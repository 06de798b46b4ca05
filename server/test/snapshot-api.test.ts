/**
 * `GET /api/snapshot` on the embedded engine: the newest snapshot of the device class
 * asked for, the nearest device class standing in (and saying so), null when the page has
 * none, and clear 400s for bad parameters.
 */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotAnswer } from '../src/api/answers.js';
import { insertSnapshots, type SnapshotRow } from '../src/ingest/snapshot-store.js';
import { devicePreference } from '../src/query/snapshot.js';
import { type App, appPrintingErrors } from './helpers/app.js';
import { batch, click } from './helpers/events.js';
import { tree } from './helpers/snapshot-tree.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: App;
const now = Date.parse('2026-11-20T10:00:00.000Z');

const row = (
  page: string,
  device: DeviceClass,
  text: string,
  takenAt: number,
  site = 'shop',
): SnapshotRow => ({
  site,
  page_key: page,
  device,
  hash: text,
  url: `https://shop.example${page}`,
  viewport_width: device === 'mobile' ? 390 : device === 'tablet' ? 820 : 1440,
  viewport_height: 800,
  doc_width: device === 'mobile' ? 390 : device === 'tablet' ? 820 : 1440,
  doc_height: 2000,
  taken_at: takenAt,
  received_at: takenAt + 500,
  body: JSON.stringify(tree(text)),
});

beforeAll(async () => {
  db = await freshStore([
    { key: 'shop', name: 'Shop', origins: [] },
    { key: 'other', name: 'Other', origins: [] },
  ]);
  app = appPrintingErrors(db.store);
  await insertSnapshots(db.store, [
    row('/', 'desktop', 'home desktop old', now - 86_400_000),
    row('/', 'desktop', 'home desktop new', now),
    row('/', 'mobile', 'home mobile', now - 3_600_000),
    row('/only-mobile', 'mobile', 'only mobile', now),
    row('/only-desktop', 'desktop', 'only desktop', now),
    row('/', 'tablet', 'other site', now, 'other'),
  ]);
  // Clicks for the element cells: two elements of one page, one of them also on a phone.
  const at = Date.now();
  const posted = await app.request('/v1/batch', {
    method: 'POST',
    body: batch(
      [
        click(640, 1203, at, { sh: 'aaaa0001' }),
        click(645, 1208, at, { sh: 'aaaa0001' }),
        click(12, 35, at, { sel: 'a.logo', sh: 'aaaa0002' }),
        click(100, 100, at, { sh: 'aaaa0001', vw: 390, dw: 390 }),
        // No hash from the client: the engine's hash of the selector stands in, as in the element ranking.
        click(300, 500, at, { sel: 'div.promo', sh: undefined }),
      ],
      'shop',
    ),
  });
  expect(posted.status).toBe(200);
});
afterAll(() => db.cleanup());

const get = async (query: string) => {
  const response = await app.request(`/api/snapshot?${query}`);
  return { status: response.status, body: (await response.json()) as SnapshotAnswer & { message?: string } };
};
const bodyText = (answer: SnapshotAnswer) =>
  JSON.stringify(answer.snapshot?.node).match(/"textContent":"([^"]*)"/)?.[1];

describe('GET /api/snapshot', () => {
  it('answers the newest snapshot of the device class asked for, with its size and time', async () => {
    const { status, body } = await get('site=shop&page=/&device=desktop');
    expect(status).toBe(200);
    expect(bodyText(body)).toBe('home desktop new');
    expect(body).toMatchObject({
      pageKey: '/',
      device: 'desktop',
      snapshot: {
        device: 'desktop',
        fallback: false,
        url: 'https://shop.example/',
        hash: 'home desktop new',
        takenAt: '2026-11-20T10:00:00.000Z',
        viewportWidth: 1440,
        viewportHeight: 800,
        docWidth: 1440,
        docHeight: 2000,
      },
    });
    const mobile = await get('site=shop&page=/&device=mobile');
    expect(bodyText(mobile.body)).toBe('home mobile');
    expect(mobile.body.snapshot?.fallback).toBe(false);
  });

  it('falls back to the nearest device class and says so', async () => {
    // Tablet has none: desktop and mobile are equally near; the wider one stands in.
    const tablet = await get('site=shop&page=/&device=tablet');
    expect(tablet.body.snapshot).toMatchObject({ device: 'desktop', fallback: true });
    expect(bodyText(tablet.body)).toBe('home desktop new');
    // Only a phone snapshot: a desktop heatmap gets it rather than nothing.
    const desktop = await get(`site=shop&page=${encodeURIComponent('/only-mobile')}&device=desktop`);
    expect(desktop.body.snapshot).toMatchObject({ device: 'mobile', fallback: true });
    const mobile = await get(`site=shop&page=${encodeURIComponent('/only-desktop')}&device=mobile`);
    expect(mobile.body.snapshot).toMatchObject({ device: 'desktop', fallback: true });
  });

  it('answers null when the page has no snapshot, and keeps sites apart', async () => {
    const none = await get(`site=shop&page=${encodeURIComponent('/cart')}&device=desktop`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ pageKey: '/cart', device: 'desktop', snapshot: null });
    const other = await get('site=other&page=/&device=desktop');
    expect(other.body.snapshot).toMatchObject({ device: 'tablet', fallback: true });
    expect(bodyText(other.body)).toBe('other site');
  });

  it('says which parameter is wrong', async () => {
    expect(await get('page=/')).toMatchObject({ status: 400, body: { error: 'invalid_parameter' } });
    expect((await get('page=/')).body.message).toContain('site is required');
    expect((await get('site=shop')).body.message).toContain('page is required');
    const device = await get('site=shop&page=/&device=watch');
    expect(device.status).toBe(400);
    expect(device.body.message).toBe('device must be one of desktop, tablet, mobile, got "watch"');
  });
});

describe('GET /api/heatmap/element-cells', () => {
  const cells = async (elements: string, extra = '') => {
    const q = `site=shop&page=${encodeURIComponent('/demo/product/:id')}&elements=${elements}${extra}`;
    const response = await app.request(`/api/heatmap/element-cells?${q}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers the click cells of the named elements only, binned as the click heatmap bins them', async () => {
    await expect
      .poll(async () => (await cells('aaaa0001')).body, { timeout: 15_000 })
      .toEqual({ total: 2, cells: [{ x: 50, y: 120, n: 2 }] });
    expect((await cells('aaaa0002')).body).toEqual({ total: 1, cells: [{ x: 0, y: 3, n: 1 }] });
    expect((await cells('aaaa0001,aaaa0002')).body.total).toBe(3);
    expect((await cells('aaaa0001', '&device=mobile')).body).toEqual({
      total: 1,
      cells: [{ x: 25, y: 10, n: 1 }],
    });
    expect((await cells('ffff0000')).body).toEqual({ total: 0, cells: [] });
  });

  it('finds elements the client sent no hash for by the engine’s hash of their selector', async () => {
    const ranking = await app.request(
      `/api/heatmap/elements?site=shop&page=${encodeURIComponent('/demo/product/:id')}`,
    );
    const promo = (
      (await ranking.json()) as { elements: { hash: string; selector: string }[] }
    ).elements.find((e) => e.selector === 'div.promo');
    expect(promo?.hash).toMatch(/^[0-9a-f]{8}$/);
    expect((await cells(promo?.hash ?? '')).body).toEqual({ total: 1, cells: [{ x: 23, y: 50, n: 1 }] });
  });

  it('says what the elements parameter must be', async () => {
    for (const bad of ['', 'NOT-HEX', Array.from({ length: 501 }, (_, i) => i.toString(16)).join(',')]) {
      const { status, body } = await cells(bad);
      expect(status).toBe(400);
      expect(body.message).toBe(
        'elements must be 1 to 500 element hashes (from /api/heatmap/elements), comma-separated',
      );
    }
  });
});

describe('devicePreference', () => {
  it('orders device classes by nearness of width, the wider first on a tie', () => {
    expect(devicePreference('desktop')).toEqual(['desktop', 'tablet', 'mobile']);
    expect(devicePreference('tablet')).toEqual(['tablet', 'desktop', 'mobile']);
    expect(devicePreference('mobile')).toEqual(['mobile', 'tablet', 'desktop']);
  });
});
