/**
 * `GET /ops/stored-events`: what a load test asks a remote server after a run. It counts
 * the events of one run (anonymous ids with the run's prefix), says how many are still in
 * this server's spool, counts a retried batch once, and is guarded by the site's read token.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashReadToken } from '../src/api/auth.js';
import { createApp } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import type { StoredEvents } from '../src/ops/stored-events.js';
import { type EventSink, spooledSink } from '../src/spool/event-sink.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

const TOKEN = 'rt_load-test-token';
let db: TestStore;
let app: ReturnType<typeof createApp>;
let sink: EventSink;

beforeAll(async () => {
  db = await freshStore([
    { key: 'open-site', name: 'Open', origins: [] },
    { key: 'locked-site', name: 'Locked', origins: [], readTokenHash: hashReadToken(TOKEN) },
  ]);
  // A long segment age: events stay in the spool until the test flushes.
  sink = await spooledSink({
    store: db.store,
    dir: join(db.dataDir, 'spool'),
    log: silentLogger,
    spool: { segmentAgeMs: 60_000 },
  });
  app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger, ingest: { sink } });
});
afterAll(async () => {
  await sink.close();
  await db.cleanup();
});

const send = async (body: string) => {
  const response = await app.request('/v1/batch', {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/plain' },
  });
  expect(response.status).toBe(200);
};
const count = (query: string, headers: Record<string, string> = {}) =>
  app.request(`/ops/stored-events?${query}`, { headers });

it('counts one run of a site once the spool is flushed, retries once, other runs apart', async () => {
  const now = Date.now();
  const run = (tag: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      i % 2 ? click(i, i, now, { a: `${tag}:v${i}` }) : pageview(now, { a: `${tag}:v${i}` }),
    );
  const first = batch(run('k6-a', 12), 'open-site');
  await send(first);
  await send(batch(run('k6-b', 5), 'open-site'));

  const before = (await (await count('site=open-site&anon_prefix=k6-a:')).json()) as StoredEvents;
  expect(before).toMatchObject({ stored: 0, spooled: 17 });

  await send(first); // the SDK's retry of a batch whose answer it lost
  await sink.flush();
  const after = await count(`site=open-site&anon_prefix=k6-a:&since=${now - 60_000}`);
  expect(after.status).toBe(200);
  expect(await after.json()).toEqual({
    site: 'open-site',
    anon_prefix: 'k6-a:',
    stored: 12,
    distinct_ids: 12,
    spooled: 0,
  });
  // Events before `since` are not counted.
  expect(await (await count(`site=open-site&anon_prefix=k6-a:&since=${now + 60_000}`)).json()).toMatchObject({
    stored: 0,
  });
});

it('answers a locked site only with its read token', async () => {
  await send(batch([pageview(Date.now(), { a: 'k6-c:v1' })], 'locked-site'));
  await sink.flush();
  const without = await count('site=locked-site&anon_prefix=k6-c:');
  expect(without.status).toBe(401);
  expect(await without.json()).toMatchObject({ error: 'read_token_required', site: 'locked-site' });
  const wrong = await count('site=locked-site&anon_prefix=k6-c:', { Authorization: 'Bearer rt_wrong' });
  expect(wrong.status).toBe(401);
  const right = await count('site=locked-site&anon_prefix=k6-c:', { Authorization: `Bearer ${TOKEN}` });
  expect(right.status).toBe(200);
  expect(await right.json()).toMatchObject({ stored: 1, distinct_ids: 1 });
});

it('says what is wrong with a bad query', async () => {
  const missing = await count('site=open-site');
  expect(missing.status).toBe(400);
  expect(await missing.json()).toMatchObject({ error: 'invalid_query' });
  expect((await count('site=open-site&anon_prefix=x&since=yesterday')).status).toBe(400);
});

it('answers an unknown site exactly as a locked one, so probing cannot tell them apart', async () => {
  const answer = async (site: string, headers: Record<string, string> = {}) => {
    const response = await count(`site=${site}&anon_prefix=x`, headers);
    const body = (await response.json()) as { site: string; message: string };
    return {
      status: response.status,
      authenticate: response.headers.get('www-authenticate'),
      // The same words with the site's name taken out.
      body: { ...body, site: undefined, message: body.message.replaceAll(site, '<site>') },
    };
  };
  const locked = await answer('locked-site');
  expect(locked.status).toBe(401);
  expect(await answer('no-such-site')).toEqual(locked);
  const wrong = { Authorization: 'Bearer rt_wrong' };
  const lockedWrong = await answer('locked-site', wrong);
  expect(lockedWrong).toMatchObject({ status: 401, body: { error: 'read_token_invalid' } });
  expect(await answer('no-such-site', wrong)).toEqual(lockedWrong);
});
