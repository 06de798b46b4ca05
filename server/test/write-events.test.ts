/**
 * The events inserts on the embedded engine: a segment insert drops ids the store has,
 * and its deduplication token does not linger in the engine's session (chDB applies
 * settings as session SETs) to swallow a later insert that carries no token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventRow } from '../src/ingest/event-row.js';
import { EVENT_COLUMNS, insertSegment, writeEvents } from '../src/store/write-events.js';
import { click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore();
});
afterAll(() => db.cleanup());

const count = async () =>
  (await rows<{ n: number }>(db.store, `SELECT count() AS n FROM ${db.store.table('events')}`))[0]?.n;
const segment = (name: string, events: WireEvent[]) => {
  const file = join(db.dataDir, name);
  writeFileSync(file, events.map((e) => `${JSON.stringify(eventRow('s', e, Date.now()))}\n`).join(''));
  return file;
};

it('stores a segment once, skips ids already stored, and leaves no token behind', async () => {
  const first = [pageview(), pageview()];
  const file = segment('a.ndjson', first);
  await insertSegment(db.store, file, 'spool:a');
  await insertSegment(db.store, file, 'spool:a');
  expect(await count()).toBe(2);
  // Same ids under another token (a client retry in a later segment), one new event.
  await insertSegment(db.store, segment('b.ndjson', [...first, pageview()]), 'spool:b');
  expect(await count()).toBe(3);
  // An insert without a token after the segment inserts is kept.
  await db.store.client.insert({
    table: db.store.table('events'),
    values: [eventRow('s', click(1, 2), Date.now())],
    format: 'JSONEachRow',
  });
  expect(await count()).toBe(4);
  await writeEvents(db.store, [eventRow('s', pageview(), Date.now())]);
  await db.store.client.insert({
    table: db.store.table('events'),
    values: [eventRow('s', click(3, 4), Date.now())],
    format: 'JSONEachRow',
  });
  expect(await count()).toBe(6);
});

it('skips stored ids with the statements a ClickHouse server runs (segment sent as the body)', async () => {
  // CLICKHOUSE_URL mode loads the segment from the insert's body instead of file(); the
  // staging and id-check statements are the same. A real server cannot run here (Debian's
  // is from 2018), so the body path runs against the embedded engine.
  const before = (await count()) ?? 0;
  const first = [pageview(), click(5, 6)];
  await insertSegment(db.store, segment('c.ndjson', first), 'spool:c', { load: 'body' });
  // A client retry in a later segment: the same two ids, one new event, and one id twice.
  const again = pageview();
  await insertSegment(db.store, segment('d.ndjson', [...first, again, again]), 'spool:d', { load: 'body' });
  // The flusher replays a segment after a crash: nothing new.
  await insertSegment(db.store, segment('d.ndjson', [...first, again, again]), 'spool:d', { load: 'body' });
  expect(await count()).toBe(before + 3);
  const staging = await rows<{ n: number }>(
    db.store,
    `SELECT count() AS n FROM system.tables WHERE database = {db:String} AND name LIKE 'spool_staging_%'`,
    { db: db.store.database },
  );
  expect(staging[0]?.n).toBe(0);
});

it('inserts every column a spool line can hold (a column missing from the list would be dropped silently)', async () => {
  const now = Date.now();
  const tap = click(30, 40, now, {
    p: 'weapp',
    sel: 'onBuy#buy',
    href: 'pages/cart',
    tx: 'Buy now',
    cx: 12,
    cy: 34,
    sy: 560,
    tk: 'longpress',
    fx: 1,
    rg: 1,
    dd: 1,
    u: 'user-1',
    r: 'https://ref.example/',
    ch: 'wechat',
  });
  const events: WireEvent[] = [
    tap,
    { ...pageview(now), t: 'scroll', md: 900, att: [1, 2.5] },
    { ...pageview(now), t: 'step', f: 'checkout', st: 'pay', pr: { sku: 'a1' } },
    { ...pageview(now), t: 'custom', n: 'share', pr: { to: 'friend' } },
  ];
  const enrichment = { browser: 'WeChat', os: 'iOS', ua_device: 'mobile', bot: 1, ip: '203.0.113.0' };
  const file = join(db.dataDir, 'all-columns.ndjson');
  writeFileSync(file, events.map((e) => `${JSON.stringify(eventRow('s', e, now, enrichment))}\n`).join(''));
  await insertSegment(db.store, file, 'spool:all-columns');
  for (const event of events) {
    const expected = eventRow('s', event, now, enrichment);
    const [stored] = await rows<Record<string, unknown>>(
      db.store,
      `SELECT ${Object.keys(expected).join(', ')} FROM ${db.store.table('events')} WHERE id = {id:UUID}`,
      { id: event.id },
    );
    expect(stored, `event ${event.t} was not stored`).toBeDefined();
    for (const [column, value] of Object.entries(expected)) {
      if (column === 'ts' || column === 'received_at') continue; // DateTime64 text in the answer
      expect(stored?.[column], `column ${column} of a ${event.t}`).toEqual(value);
    }
  }
});

it('lists every column of the events table a row can fill', async () => {
  // A migration that adds an events column must add it to the segment insert's list too.
  const columns = await rows<{ name: string }>(
    db.store,
    `SELECT name FROM system.columns WHERE database = {db:String} AND table = 'events' AND default_kind NOT IN ('MATERIALIZED', 'ALIAS')`,
    { db: db.store.database },
  );
  expect(EVENT_COLUMNS.map(([name]) => name).sort()).toEqual(columns.map((c) => c.name).sort());
});
