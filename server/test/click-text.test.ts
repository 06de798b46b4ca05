/**
 * Opt-in click text on the server: `tx` is validated, stored with its whitespace collapsed,
 * and names the element in the element ranking (the last text recorded for it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
const now = Date.now();
const product = '/demo/product/:id';

beforeAll(async () => {
  db = await freshStore([{ key: 'shop', name: 'Shop', origins: [] }]);
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
});
afterAll(() => db.cleanup());

const send = async (events: unknown[]) =>
  app.request('/v1/batch', { method: 'POST', body: batch(events, 'shop') });

it('stores click text and shows each element by the last text recorded in the ranking', async () => {
  const cart = { sel: 'button#add-to-cart', sh: 'aaaa0001' };
  const size = { sel: 'button.size', sh: 'aaaa0002' };
  const response = await send([
    pageview(now),
    click(10, 10, now, { ...cart, tx: 'Add to\n\n  cart' }),
    click(10, 10, now + 1, { ...cart, tx: 'Add to bag' }),
    click(20, 20, now, size), // a site without captureText
  ]);
  expect(await response.json()).toEqual({ accepted: 4, rejected: [] });

  const stored = await rows<{ text: string }>(
    db.store,
    `SELECT text FROM ${db.store.table('events')} WHERE type = 'click' ORDER BY ts, text`,
  );
  expect(stored.map((r) => r.text)).toEqual(['', 'Add to cart', 'Add to bag']);

  const answer = await app.request(`/api/heatmap/elements?site=shop&page=${encodeURIComponent(product)}`);
  const { elements } = (await answer.json()) as { elements: { hash: string; text?: string }[] };
  expect(elements.map(({ hash, text }) => ({ hash, text }))).toEqual([
    { hash: 'aaaa0001', text: 'Add to bag' },
    { hash: 'aaaa0002', text: undefined },
  ]);
});

it('refuses click text past 64 characters, naming the field', async () => {
  const response = await send([pageview(now), click(1, 1, now, { tx: 'x'.repeat(65) })]);
  const body = (await response.json()) as { accepted: number; rejected: { index: number; field: string }[] };
  expect(body.accepted).toBe(1);
  expect(body.rejected).toMatchObject([{ index: 1, field: 'tx' }]);
});
