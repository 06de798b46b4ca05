/**
 * The events inserts on the embedded engine: a segment insert drops ids the store has,
 * and its deduplication token does not linger in the engine's session (chDB applies
 * settings as session SETs) to swallow a later insert that carries no token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventRow } from '../src/ingest/event-row.js';
import { insertSegment, writeEvents } from '../src/store/write-events.js';
import { click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore();
});
afterAll(() => db.cleanup());

const count = async () =>
  (await rows<{ n: number }>(db.store, `SELECT count() AS n FROM ${db.store.table('events')}`))[0]?.n;
const segment = (name: string, events: ReturnType<typeof pageview>[]) => {
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
