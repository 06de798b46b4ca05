/**
 * The events inserts on the embedded engine: a segment insert drops ids the store has,
 * and its deduplication token does not linger in the engine's session (chDB applies
 * settings as session SETs) to swallow a later insert that carries no token. A failure of
 * the staging setup keeps the segment in the spool; only bytes that do not parse set it aside.
 * Segments are written as the spool writes them (`rowLine`), so these bytes are parsed here.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventRow, requestColumns, rowLine } from '../src/ingest/event-row.js';
import { silentLogger } from '../src/log.js';
import { spooledSink } from '../src/spool/event-sink.js';
import type { Store } from '../src/store/store.js';
import { EVENT_COLUMNS, execToEnd, insertSegment, writeEvents } from '../src/store/write-events.js';
import { click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';
import { waitFor } from './helpers/wait.js';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore();
});
afterAll(() => db.cleanup());

const count = async () =>
  (await rows<{ n: number }>(db.store, `SELECT count() AS n FROM ${db.store.table('events')}`))[0]?.n;
const segment = (name: string, events: WireEvent[]) => {
  const file = join(db.dataDir, name);
  const head = requestColumns('s', Date.now());
  writeFileSync(file, events.map((e) => rowLine(head, e)).join(''));
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

it('skips stored ids when the segment is sent as the insert body (the CLICKHOUSE_URL path, run on the embedded engine)', async () => {
  // CLICKHOUSE_URL mode loads the segment from the insert's body instead of file(); the
  // staging and id-check statements are the same. A real server cannot run here (Debian's
  // is from 2018), so only the statements are exercised, on chDB: not sockets or grants.
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
  writeFileSync(file, events.map((e) => rowLine(requestColumns('s', now, enrichment), e)).join(''));
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

it('reads the answer of the body insert to its end, so the client gets its socket back', async () => {
  // The client keeps a request's socket until its answer is read; an unread answer per
  // flush would use up its 10 sockets and stall every query of the process.
  const answer = Readable.from(['Ok.\n']);
  const sent: string[] = [];
  await execToEnd(
    {
      exec: async (params) => {
        sent.push(params.query);
        return { stream: answer, query_id: 'q', response_headers: {} };
      },
    },
    { query: 'INSERT INTO t FORMAT JSONEachRow', values: Readable.from(['{}\n']) },
  );
  expect(sent).toEqual(['INSERT INTO t FORMAT JSONEachRow']);
  expect(answer.readableEnded).toBe(true);
  // An answer that breaks off fails the insert instead of passing as done.
  const broken = new Readable({
    read() {
      this.destroy(new Error('socket hang up'));
    },
  });
  await expect(
    execToEnd(
      { exec: async () => ({ stream: broken, query_id: 'q', response_headers: {} }) },
      { query: 'INSERT INTO t FORMAT JSONEachRow' },
    ),
  ).rejects.toThrow(/socket hang up/);
});

it('keeps a segment whose staging table cannot be created, says why, and delivers it once the store allows', async () => {
  // The fault is the engine's own: staging tables are named in a database that does not
  // exist, so CREATE TABLE fails with UNKNOWN_DATABASE while every other query (and the
  // flusher's ping) succeeds, as with a user lacking CREATE TABLE or a balancer that sends
  // the statements of one flush to different nodes.
  let broken = true;
  let attempts = 0;
  const faulty: Store = {
    ...db.store,
    table: (name) =>
      broken && name.startsWith('spool_staging_') ? `\`hf_missing_db\`.\`${name}\`` : db.store.table(name),
  };
  const spoolDir = join(db.dataDir, 'staging-fault-spool');
  const sink = await spooledSink({
    store: db.store,
    dir: spoolDir,
    log: silentLogger,
    retryMs: [2, 5],
    spool: { segmentAgeMs: 20 },
    insert: async (segment) => {
      attempts++;
      await insertSegment(faulty, segment.file, `spool:${segment.name}`);
    },
  });
  try {
    const events = [pageview(), click(7, 8)];
    const head = requestColumns('s', Date.now());
    await sink.write({ lines: events.map((e) => rowLine(head, e)).join(''), count: events.length });
    // Far past the 10 attempts after which a segment the store refuses alone is set aside.
    await waitFor('30 failed flush attempts', async () => attempts >= 30);
    const state = sink.state();
    expect(state.storeHealthy).toBe(false);
    expect(state.lastError).toMatch(/creating the staging table/);
    expect(state.lastError).toMatch(/UNKNOWN_DATABASE/);
    expect(state.lastError).toMatch(/needs CREATE TABLE, DROP TABLE/);
    expect(state.spool?.segments).toBe(1);
    expect(existsSync(join(spoolDir, 'failed'))).toBe(false);
    broken = false;
    await sink.flush(10_000);
    const [stored] = await rows<{ n: number }>(
      db.store,
      `SELECT count() AS n FROM ${db.store.table('events')} WHERE id IN {ids:Array(UUID)}`,
      { ids: events.map((e) => e.id) },
    );
    expect(stored?.n).toBe(2);
    expect(sink.state().storeHealthy).toBe(true);
  } finally {
    await sink.close();
  }
});

it('sets aside a segment whose bytes do not parse, and flushes the ones after it', async () => {
  const spoolDir = join(db.dataDir, 'bad-bytes-spool');
  const sink = await spooledSink({ store: db.store, dir: spoolDir, log: silentLogger, retryMs: [2, 5] });
  try {
    await sink.write({ lines: '{"site":"s","id":"not-a-uuid","type":"pageview"}\n', count: 1 });
    await sink.flush(100).catch(() => {}); // seals the bad segment; it cannot go in
    const good = pageview();
    await sink.write({ lines: rowLine(requestColumns('s', Date.now()), good), count: 1 });
    await sink.flush(10_000);
    expect(readdirSync(join(spoolDir, 'failed'))).toHaveLength(1);
    const [stored] = await rows<{ n: number }>(
      db.store,
      `SELECT count() AS n FROM ${db.store.table('events')} WHERE id = {id:UUID}`,
      { id: good.id },
    );
    expect(stored?.n).toBe(1);
  } finally {
    await sink.close();
  }
});
