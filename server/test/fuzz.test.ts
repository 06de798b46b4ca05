/**
 * Bad input: at least 10,000 generated bad payloads (invalid JSON, wrong types, huge
 * strings, deep nesting, truncated and bomb gzip, wrong content types). Every answer is
 * a 4xx with a reason, the server keeps serving, and memory stays bounded.
 */
import { gzipSync } from 'node:zlib';
import { LIMITS } from '@heatfunnel/sdk/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { quarantine as quarantineOf } from '../src/ingest/quarantine.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { batch, click, pageview } from './helpers/events.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let app: ReturnType<typeof createApp>;
let quarantine: ReturnType<typeof quarantineOf>;

beforeAll(async () => {
  db = await freshStore();
  quarantine = quarantineOf(db.store, silentLogger);
  app = createApp({
    store: db.store,
    sites: siteRegistry(db.store),
    log: silentLogger,
    ingest: { quarantine },
  });
});
afterAll(async () => {
  await quarantine.close();
  await db.cleanup();
});

// A seeded generator, so a failure can be replayed.
let seed = 0x2f6e2b1;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const junk = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 0xd7ff))).join('');

interface Payload {
  body: BodyInit;
  headers?: Record<string, string>;
  query?: string;
}

const valid = () => JSON.parse(batch([pageview(), click(10, 20)])) as { k: string; v: number; e: unknown[] };
const wrongValues: unknown[] = [
  null,
  true,
  -1,
  Number.MAX_VALUE,
  '',
  'x'.repeat(3000),
  [],
  {},
  [[]],
  { $gt: '' },
  1.5,
];
const fields = [
  'id',
  't',
  'ts',
  'a',
  's',
  'p',
  'url',
  'pk',
  'vw',
  'vh',
  'dw',
  'dh',
  'x',
  'y',
  'sel',
  'ex',
  'pr',
];
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const bomb = gzipSync(Buffer.alloc(LIMITS.maxDecompressedBytes + 4096, 0x20));
const ratioBomb = gzipSync(Buffer.alloc(2_000_000, 0x20));

const generators: (() => Payload)[] = [
  // Invalid JSON: random text, truncated batches, JSON with trailing garbage.
  () => ({ body: junk(1 + Math.floor(random() * 200)) }),
  () => {
    const text = batch([pageview()]);
    return { body: text.slice(0, Math.floor(random() * (text.length - 1))) };
  },
  () => ({ body: `${batch([pageview()])}${pick([',', '}', 'x', '\u0000'])}` }),
  // Wrong envelope types.
  () => {
    const key = pick(['k', 'v', 'e']);
    // An empty event list is a valid (empty) batch.
    const value = pick(wrongValues.filter((v) => !(key === 'e' && Array.isArray(v))));
    return { body: JSON.stringify({ ...valid(), [key]: value }) };
  },
  () => ({ body: JSON.stringify(pick(wrongValues)) }),
  // Every event wrong in some field.
  () => {
    const b = valid();
    b.e = b.e.map((event) => ({ ...(event as object), [pick(fields)]: pick(wrongValues.slice(0, 9)) }));
    // Make sure each event is invalid: a type the protocol does not know.
    b.e = b.e.map((event) => ({ ...(event as object), t: pick(['hover', 1, null, '']) }));
    return { body: JSON.stringify(b) };
  },
  // Huge strings, over the body limit or over field limits.
  () => ({ body: JSON.stringify({ ...valid(), k: 'x'.repeat(LIMITS.maxBodyBytes) }) }),
  () => ({ body: JSON.stringify({ ...valid(), k: 'k'.repeat(LIMITS.maxIdLength + 1) }) }),
  // Deep nesting, as the body and inside an event.
  () => ({ body: deep(1_000 + Math.floor(random() * 100_000)) }),
  () => {
    const b = valid();
    b.e = [
      {
        ...(b.e[0] as object),
        t: 'step',
        f: 'f',
        st: 's',
        pr: JSON.parse(`{"a":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`),
      },
    ];
    return { body: JSON.stringify(b) };
  },
  // Gzip: truncated, not gzip at all, bombs by size and by ratio; by header and by ?gz=1.
  () => {
    const zipped = gzipSync(batch([pageview()]));
    return {
      body: zipped.subarray(0, Math.floor(random() * (zipped.length - 1))),
      ...(random() < 0.5 ? { headers: { 'Content-Encoding': 'gzip' } } : { query: '?gz=1' }),
    };
  },
  () => ({ body: junk(64), headers: { 'Content-Encoding': 'gzip' } }),
  () => ({ body: pick([bomb, ratioBomb]), headers: { 'Content-Encoding': 'gzip' } }),
  // Wrong content types.
  () => ({
    body: batch([pageview()]),
    headers: {
      'Content-Type': pick([
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'image/png',
        'text/html',
      ]),
    },
  }),
  // Too many events, wrong version, unknown site.
  () => ({ body: JSON.stringify({ ...valid(), e: Array(LIMITS.maxEventsPerBatch + 1).fill(0) }) }),
  () => ({ body: JSON.stringify({ ...valid(), v: pick([0, 2, '1']) }) }),
  () => ({ body: batch([pageview()], `unknown-${Math.floor(random() * 1e6)}`) }),
];

it('answers 10,000 bad payloads with 4xx and reasons, stays up, and keeps memory bounded', async () => {
  const statuses = new Map<number, number>();
  const reasons = new Map<string, number>();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const count = 10_000;
  for (let i = 0; i < count; i++) {
    const { body, headers = {}, query = '' } = (generators[i % generators.length] as () => Payload)();
    const response = await app.request(`/v1/batch${query}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain', ...headers },
    });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status < 400 || response.status >= 500) {
      throw new Error(`payload ${i} got ${response.status}: ${await response.text()}`);
    }
    const answer = (await response.json()) as { error: string; message: string };
    expect(answer.message.length).toBeGreaterThan(10);
    reasons.set(answer.error, (reasons.get(answer.error) ?? 0) + 1);
    if (i % 500 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(count);
  for (const reason of [
    'invalid_json',
    'invalid_batch',
    'body_too_large',
    'invalid_gzip',
    'unsupported_media_type',
    'unknown_site',
    'too_many_events',
    'unsupported_version',
  ]) {
    expect(reasons.get(reason), reason).toBeGreaterThan(0);
  }
  // Memory: the quarantine buffer is bounded and nothing else holds what was refused.
  expect(peakHeap - heapBefore).toBeLessThan(256 * 1024 * 1024);
  // Still serving.
  expect((await app.request('/v1/batch', { method: 'POST', body: batch([pageview()]) })).status).toBe(200);
}, 300_000);
