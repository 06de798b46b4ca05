import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LIMITS } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { type EventSink, spooledSink } from '../src/spool/event-sink.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, rows, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
let sink: EventSink;

// The server's own path: the durable spool and its flusher, flushed before each read.
beforeAll(async () => {
  db = await freshStore();
  sink = await spooledSink({ store: db.store, dir: join(db.dataDir, 'spool'), log: silentLogger });
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger, ingest: { sink } });
});
afterAll(async () => {
  await sink.close();
  await db.cleanup();
});
beforeEach(async () => {
  await sink.flush();
  await db.store.client.command({ query: `TRUNCATE TABLE ${db.store.table('events')}` });
});

const post = (body: BodyInit, headers: Record<string, string> = {}, query = '') =>
  app.request(`/v1/batch${query}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain', ...headers },
  });
const stored = async () => {
  await sink.flush();
  return rows<{ id: string; type: string; x: number; y: number; device: string }>(
    db.store,
    `SELECT toString(id) AS id, type, x, y, device FROM ${db.store.table('events')} ORDER BY ts, x`,
  );
};

describe('POST /v1/batch', () => {
  it('stores a valid batch and answers how many events it kept', async () => {
    const events = [pageview(), click(640, 1200)];
    const response = await post(batch(events));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 2, rejected: [] });
    const saved = await stored();
    expect(saved.map((row) => row.id).sort()).toEqual(events.map((event) => event.id).sort());
    expect(saved.find((row) => row.type === 'click')).toMatchObject({ x: 640, y: 1200, device: 'desktop' });
  });

  it('keeps the valid neighbours of a malformed event and names the bad one', async () => {
    const good = click(10, 20);
    const response = await post(batch([pageview(), { ...click(1, 1), y: -5 }, good]));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      accepted: 2,
      rejected: [{ index: 1, reason: 'invalid_field', field: 'y' }],
    });
    expect((await stored()).map((row) => row.id)).toContain(good.id);
  });

  it('answers 400 with every reason when no event is valid', async () => {
    const response = await post(batch([{ t: 'click' }, 'nonsense']));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe('invalid_batch');
    expect(body.rejected).toHaveLength(2);
    expect(await stored()).toEqual([]);
  });

  it('explains malformed bodies, and keeps serving afterwards', async () => {
    const cases: [BodyInit, number, string][] = [
      ['{"k":"test-site","v":1,"e":[', 400, 'invalid_json'],
      ['[1,2,3]', 400, 'invalid_batch'],
      [JSON.stringify({ k: 'test-site', v: 99, e: [] }), 400, 'unsupported_version'],
      [JSON.stringify({ k: 'test-site', v: 1, e: 'x' }), 400, 'invalid_batch'],
      [
        JSON.stringify({ k: 'test-site', v: 1, e: Array(LIMITS.maxEventsPerBatch + 1).fill({}) }),
        413,
        'too_many_events',
      ],
    ];
    for (const [body, status, error] of cases) {
      const response = await post(body);
      expect(response.status).toBe(status);
      const answer = await response.json();
      expect(answer.error).toBe(error);
      expect(answer.message.length).toBeGreaterThan(10);
    }
    expect((await post(batch([pageview()]))).status).toBe(200);
  });

  it('refuses an unknown site key with 401', async () => {
    const response = await post(batch([pageview()], 'no-such-site'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unknown_site' });
  });

  it('refuses oversize bodies with 413 and other content types with 415', async () => {
    const big = 'x'.repeat(LIMITS.maxBodyBytes + 1);
    expect((await post(big)).status).toBe(413);
    const form = await post('a=b', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('reads gzip bodies marked by header or by ?gz=1 (beacons cannot set headers)', async () => {
    const byHeader = await post(gzipSync(batch([pageview()])), { 'Content-Encoding': 'gzip' });
    const byFlag = await post(gzipSync(batch([pageview()])), {}, '?gz=1');
    expect([byHeader.status, byFlag.status]).toEqual([200, 200]);
    expect(await stored()).toHaveLength(2);
  });

  it('stores a batch sent twice (a client retry) once', async () => {
    const body = batch([pageview(), click(5, 5)]);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(await stored()).toHaveLength(2);
  });

  it('stores a retried event once when the retry comes later, next to new events', async () => {
    const first = [pageview(), click(5, 5)];
    expect((await post(batch(first))).status).toBe(200);
    await sink.flush();
    const fresh = click(7, 7);
    expect((await post(batch([...first, fresh]))).status).toBe(200);
    expect((await stored()).map((row) => row.id).sort()).toEqual([...first, fresh].map((e) => e.id).sort());
  });

  it('lets a shop page on another origin read the answer (CORS)', async () => {
    const response = await post(batch([pageview()]), { Origin: 'https://shop.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    // The SDK reads Retry-After on 429/503; cross-origin it can only if the header is exposed.
    expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });
});
