/**
 * Outage: the store fails (an injected fault in the store layer) while batches keep
 * coming. Acknowledged batches wait in the spool; past its cap the server answers 503
 * with Retry-After and stays healthy; when the store returns, the backlog drains and every
 * event is stored exactly once, also the ones whose insert succeeded but looked failed.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { type EventSink, spooledSink } from '../src/spool/event-sink.js';
import { siteRegistry } from '../src/store/sites.js';
import { insertSegment } from '../src/store/write-events.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';
import { waitFor } from './helpers/wait.js';

let db: TestStore;
let sink: EventSink;
let app: ReturnType<typeof createApp>;
let fault: 'none' | 'down' | 'lost-answer' = 'none';

beforeAll(async () => {
  db = await freshStore();
  sink = await spooledSink({
    store: db.store,
    dir: join(db.dataDir, 'spool'),
    log: silentLogger,
    spool: { maxBytes: 400_000, segmentAgeMs: 100 },
    retryMs: [20, 100],
    // The injected outage covers every query, so no segment looks like the one to blame.
    probe: async () => fault === 'none',
    insert: async (segment) => {
      if (fault === 'down') throw new Error('connect ECONNREFUSED (injected)');
      await insertSegment(db.store, segment.file, `spool:${segment.name}`);
      // The store took the rows but the answer was lost: the flusher must retry safely.
      if (fault === 'lost-answer') throw new Error('socket hang up (injected)');
    },
  });
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger, ingest: { sink } });
});
afterAll(async () => {
  await sink.close();
  await db.cleanup();
});

const post = (body: string) => app.request('/v1/batch', { method: 'POST', body });
const makeBatch = () => {
  const now = Date.now();
  return batch(Array.from({ length: 20 }, (_, i) => (i % 2 ? click(i, i, now) : pageview(now))));
};

it('spools through an outage, answers 503 past the cap, and delivers exactly once after', async () => {
  fault = 'down';
  const acknowledged: string[] = [];
  const refused: string[] = [];
  // 8 concurrent senders until the spool is full and refusals have been seen.
  const sender = async () => {
    for (let i = 0; i < 200 && refused.length < 20; i++) {
      const body = makeBatch();
      const response = await post(body);
      if (response.status === 200) acknowledged.push(body);
      else {
        expect(response.status).toBe(503);
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await response.json()).error).toBe('store_unavailable');
        refused.push(body);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, sender));
  expect(acknowledged.length).toBeGreaterThan(10);
  expect(refused.length).toBeGreaterThan(0);

  // Still alive and saying why it is not ready.
  expect((await app.request('/healthz')).status).toBe(200);
  const readiness = async () => (await app.request('/readyz')).json();
  await waitFor(
    'the flusher to find the store down',
    async () => (await readiness()).store.healthy === false,
  );
  const ready = await app.request('/readyz');
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ ready: false, store: { healthy: false } });
  expect(await stored()).toBe(0);

  // The store comes back, but its first answers get lost after it took the rows.
  fault = 'lost-answer';
  const before = await stored();
  await waitFor('a lost-answer insert', async () => (await stored()) > before);
  fault = 'none';
  await sink.flush(60_000);
  expect((await app.request('/readyz')).status).toBe(200);

  // Clients retry what got 503, and some retry batches that were acknowledged.
  for (const body of [...refused, ...acknowledged.slice(0, 5)]) expect((await post(body)).status).toBe(200);
  await sink.flush();
  const ids = [...acknowledged, ...refused].flatMap((body) =>
    JSON.parse(body).e.map((e: { id: string }) => e.id),
  );
  const [counts] = await rows<{ total: number; distinct: number; expected: number }>(
    db.store,
    `SELECT count() AS total, uniqExact(id) AS distinct, countIf(has({ids:Array(UUID)}, id)) AS expected
      FROM ${db.store.table('events')}`,
    { ids },
  );
  expect(counts).toEqual({ total: ids.length, distinct: ids.length, expected: ids.length });
}, 120_000);

async function stored(): Promise<number> {
  const [row] = await rows<{ n: number }>(db.store, `SELECT count() AS n FROM ${db.store.table('events')}`);
  return row?.n ?? 0;
}
