/** The demo's mini-program page: taps from phones of several widths that line up once normalised. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { MINI_ELEMENTS, MINI_PAGE, MINI_ROUTE, seedDemoMiniTaps } from '../src/demo/mini-taps.js';
import { DEMO_SITE } from '../src/demo/shop-routes.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
let written = 0;
const now = Date.now();

beforeAll(async () => {
  db = await freshStore([{ key: DEMO_SITE, name: 'Demo', origins: [] }]);
  written = await seedDemoMiniTaps(db.store, { events: 200_000, days: 7, now, seed: 42 });
});
afterAll(() => db.cleanup());

describe('demo mini-program taps', () => {
  it('are WeChat taps from several phone widths, each inside the element it names once scaled to 375 px', async () => {
    const taps = await rows<{ selector: string; x: number; y: number; dw: number; sy: number; cy: number }>(
      db.store,
      `SELECT selector, x, y, dw, scroll_top AS sy, client_y AS cy FROM ${db.store.table('events')}
        WHERE type = 'click' AND platform = 'weapp' AND page_key = {route:String}`,
      { route: MINI_ROUTE },
    );
    const [count] = await rows<{ n: number }>(
      db.store,
      `SELECT count() AS n FROM ${db.store.table('events')}`,
    );
    expect(count?.n).toBe(written);
    expect(taps.length).toBeGreaterThan(500);
    expect(new Set(taps.map((t) => t.dw)).size).toBe(4);
    for (const tap of taps) {
      const el = MINI_ELEMENTS.find((e) => e.sel === tap.selector);
      expect(el, tap.selector).toBeDefined();
      if (!el) continue;
      const k = MINI_PAGE.width / tap.dw;
      expect(tap.x * k).toBeGreaterThanOrEqual(el.x - 1);
      expect(tap.x * k).toBeLessThanOrEqual(el.x + el.w + 1);
      expect(tap.y * k).toBeGreaterThanOrEqual(el.y - 1);
      expect(tap.y * k).toBeLessThanOrEqual(el.y + el.h + 1);
      expect(tap.cy + tap.sy).toBe(tap.y);
    }
  });

  it('make the buy button the hottest spot of the width-normalised heatmap', async () => {
    const app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
    const response = await app.request(
      `/api/heatmap/clicks?site=${DEMO_SITE}&page=${encodeURIComponent(MINI_ROUTE)}&device=mobile&scale=width`,
    );
    const body = (await response.json()) as {
      width: number;
      docHeight: number;
      cells: { x: number; y: number; n: number }[];
    };
    expect(body.width).toBe(375);
    expect(body.docHeight).toBeGreaterThanOrEqual(MINI_PAGE.height - 2);
    expect(body.docHeight).toBeLessThanOrEqual(MINI_PAGE.height + 2);
    // Cells summed per element they fall in: every tap lands on an element, the buy button most.
    const inside = (el: (typeof MINI_ELEMENTS)[number]) =>
      body.cells
        .filter((c) => {
          const [x, y] = [((c.x + 0.5) / 100) * 375, (c.y + 0.5) * 10];
          return x >= el.x - 2 && x <= el.x + el.w + 2 && y >= el.y - 5 && y <= el.y + el.h + 5;
        })
        .reduce((sum, c) => sum + c.n, 0);
    const perElement = MINI_ELEMENTS.map((el) => [el.sel, inside(el)] as const).sort((a, b) => b[1] - a[1]);
    expect(perElement[0]?.[0]).toBe('onBuyNow#buy-now');
    expect(perElement.reduce((sum, [, n]) => sum + n, 0)).toBe(body.cells.reduce((sum, c) => sum + c.n, 0));
  });
});
