import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BATCH_PATH, GZIP_QUERY_FLAG } from '../../sdk/src/protocol.ts';
import { type RunningServer, startServer } from '../lib/server-process.mjs';
import { gzipStored } from '../scripts/lib/gzip.ts';
import { createGenerator, type GeneratedBatch, mismatch } from '../scripts/lib/payload.ts';

// The generator mirrors what the SDK sends; this proves the real server agrees, for every
// transport k6 uses, before any load run relies on it.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ log: () => {} });
});
afterAll(async () => {
  await server?.stop();
});

type Transport = 'json' | 'gzip' | 'beacon' | 'beacon-gzip';

async function send({ batch }: GeneratedBatch, transport: Transport): Promise<Response> {
  const body = JSON.stringify(batch);
  const url = `${server.url}${BATCH_PATH}`;
  const json = { 'Content-Type': 'application/json' };
  const text = { 'Content-Type': 'text/plain;charset=UTF-8' };
  switch (transport) {
    case 'gzip':
      return fetch(url, {
        method: 'POST',
        headers: { ...json, 'Content-Encoding': 'gzip' },
        body: gzipSync(body),
      });
    case 'beacon':
      return fetch(url, { method: 'POST', headers: text, body });
    case 'beacon-gzip':
      return fetch(`${url}?${GZIP_QUERY_FLAG}=1`, { method: 'POST', headers: text, body: gzipStored(body) });
    default:
      return fetch(url, { method: 'POST', headers: json, body });
  }
}

describe('generated batches against the real server', () => {
  const generator = createGenerator({ writeKey: 'demo', tag: `vt${Date.now().toString(36)}`, instance: 1 });
  const transports: Transport[] = ['json', 'gzip', 'beacon', 'beacon-gzip'];

  it.each(transports)('are accepted whole over %s', async (transport) => {
    for (let i = 0; i < 25; i++) {
      const generated = generator.next();
      const res = await send(generated, transport);
      expect(mismatch(generated.expected, res.status, await res.json())).toBeUndefined();
      expect(generated.expected.accepted).toBe(generated.batch.e.length);
    }
  });

  it('have their malformed events refused one by one with the expected reason', async () => {
    for (const size of [1, 2, 20, 50]) {
      for (let i = 0; i < 10; i++) {
        const generated = generator.next({ size, malformedRate: 1 });
        const res = await send(generated, 'json');
        expect(mismatch(generated.expected, res.status, await res.json())).toBeUndefined();
      }
    }
  });

  it('are answered the same when retried', async () => {
    const generated = generator.next({ size: 20 });
    for (let i = 0; i < 3; i++) {
      const res = await send(generated, 'json');
      expect(mismatch(generated.expected, res.status, await res.json())).toBeUndefined();
    }
  });
});
