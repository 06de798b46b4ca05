/** The demo data must look like a shop's: clicks on real elements, a funnel that narrows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLayout } from '../src/demo/layout.js';
import { seedDemo } from '../src/demo/seed.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
const now = Date.parse('2026-11-20T12:00:00Z');
let written = 0;
const progress: number[] = [];

beforeAll(async () => {
  db = await freshStore([]);
  written = await seedDemo(db.store, { events: 30_000, days: 7, now, onProgress: (n) => progress.push(n) });
});
afterAll(() => db.cleanup());

describe('seedDemo', () => {
  it('writes about the number of events asked for, reporting progress as it goes', async () => {
    const [row] = await rows<{ n: number }>(db.store, `SELECT count() AS n FROM ${db.store.table('events')}`);
    expect(row?.n).toBe(written);
    expect(written).toBeGreaterThanOrEqual(30_000);
    expect(written).toBeLessThan(30_100);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(written);
  });

  it('puts every click inside the element it names, on the page and device it names', async () => {
    const clicks = await rows<{ page_key: string; device: string; selector: string; x: number; y: number }>(
      db.store,
      `SELECT page_key, device, selector, x, y FROM ${db.store.table('events')} WHERE type = 'click' AND platform = 'web'`,
    );
    expect(clicks.length).toBeGreaterThan(5_000);
    for (const click of clicks) {
      const element = demoLayout[click.device as 'desktop']?.[click.page_key]?.elements.find(
        (el) => el.sel === click.selector,
      );
      expect(element, `${click.device} ${click.page_key} ${click.selector}`).toBeDefined();
      if (!element) continue;
      expect(click.x).toBeGreaterThanOrEqual(element.x);
      expect(click.x).toBeLessThanOrEqual(element.x + element.w);
      expect(click.y).toBeGreaterThanOrEqual(element.y);
      expect(click.y).toBeLessThanOrEqual(element.y + element.h);
    }
  });

  it('narrows like a purchase funnel and stays inside the date range', async () => {
    const views = await rows<{ page_key: string; n: number }>(
      db.store,
      `SELECT page_key, count() AS n FROM ${db.store.table('events')} WHERE type = 'pageview' GROUP BY page_key`,
    );
    const count = (key: string) => views.find((view) => view.page_key === key)?.n ?? 0;
    expect(count('/demo/')).toBeGreaterThan(count('/demo/list'));
    expect(count('/demo/list')).toBeGreaterThan(count('/demo/cart'));
    expect(count('/demo/cart')).toBeGreaterThan(count('/demo/checkout'));
    expect(count('/demo/checkout')).toBeGreaterThan(0);
    const [range] = await rows<{ first: number; last: number }>(
      db.store,
      `SELECT toUnixTimestamp64Milli(min(ts)) AS first, toUnixTimestamp64Milli(max(ts)) AS last FROM ${db.store.table('events')}`,
    );
    expect(range?.first).toBeGreaterThan(now - 8 * 86_400_000);
    expect(range?.last).toBeLessThan(now);
  });
});
