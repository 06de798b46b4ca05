/**
 * Node's share of ingest, without sockets: CPU µs per event for `POST /v1/batch` through
 * the real app (`app.request`), 20-event batches, 64 requests in flight, into the durable
 * spool (fsync on; segments dropped instead of inserted). Also the parts alone: JSON.parse,
 * validation, row encoding. CPU time keeps its meaning on a busy machine, so Node-side
 * changes can be compared here while wall-clock benchmarks cannot.
 *
 *   pnpm --filter @heatfunnel/server exec tsx bench/batch-route-cpu.ts [--batches 40000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { requestColumns, rowLine } from '../src/ingest/event-row.js';
import { validateEvent } from '../src/ingest/validate-event.js';
import { silentLogger } from '../src/log.js';
import { spooledSink } from '../src/spool/event-sink.js';
import type { Store } from '../src/store/store.js';
import { BATCH, batchBody, discardQuarantine as quarantine, demoSites as sites } from './bench-fixtures.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '3' },
  },
});
const BATCHES = Number(values.batches);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = 64;

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU µs per event of `run`, which handles `events` events. */
async function perEvent(name: string, events: number, run: () => Promise<void> | void) {
  const before = cpuMicros();
  await run();
  const us = (cpuMicros() - before) / events;
  console.log(`${name.padEnd(34)} ${us.toFixed(2)} µs CPU/event`);
  return us;
}

// Never queried by the batch route; routes that name their tables at start get names.
const store = { table: (name: string) => `bench.${name}` } as Store;
const dir = mkdtempSync(join(tmpdir(), 'hf-route-cpu-'));
const sink = await spooledSink({
  store, // never queried: inserts and probes are replaced
  dir: join(dir, 'spool'),
  log: silentLogger,
  insert: async () => {},
  probe: async () => true,
});
const app = createApp({ store, sites, log: silentLogger, ingest: { sink, quarantine } });
const bodies = Array.from({ length: 2000 }, batchBody);
const now = Date.now();
const parsed = bodies.map((b) => JSON.parse(b) as { e: WireEvent[] });
const enrichment = { browser: 'Chrome', os: 'Linux', ua_device: '', bot: 0, ip: '203.0.113.0' };

try {
  // The parse-only endpoint of bench/parse-only-server.ts, through the same harness: what
  // app.request, Hono and JSON.parse cost without any of the batch route's work.
  const parseOnly = new Hono();
  parseOnly.post('/v1/batch', async (c) => {
    const parsed = JSON.parse(new TextDecoder().decode(new Uint8Array(await c.req.arrayBuffer())));
    return c.json({ accepted: Array.isArray(parsed.e) ? parsed.e.length : 0, rejected: [] });
  });
  const route = (target: Hono) => async () => {
    let next = 0;
    const worker = async () => {
      while (next < BATCHES) {
        const payload = bodies[next++ % bodies.length] as string;
        const response = await target.request('/v1/batch', {
          method: 'POST',
          body: payload,
          headers: { 'content-type': 'text/plain', 'content-length': String(payload.length) },
        });
        if (response.status !== 200) throw new Error(`status ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  };
  const parts = BATCHES * BATCH;
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`round ${round}, ${BATCHES.toLocaleString('en-US')} batches of ${BATCH}`);
    const full = await perEvent('POST /v1/batch (app.request)', parts, route(app as unknown as Hono));
    const ceiling = await perEvent('parse-only endpoint, same harness', parts, route(parseOnly));
    console.log(
      `${'  the batch route beyond parse-only'.padEnd(34)} ${(full - ceiling).toFixed(2)} µs CPU/event`,
    );
    await perEvent('  JSON.parse of the body', parts, () => {
      for (let i = 0; i < BATCHES; i++) JSON.parse(bodies[i % bodies.length] as string);
    });
    await perEvent('  validation', parts, () => {
      for (let i = 0; i < BATCHES; i++)
        for (const e of parsed[i % parsed.length]?.e ?? []) validateEvent(e, now);
    });
    await perEvent('  rows and their spool lines', parts, () => {
      for (let i = 0; i < BATCHES; i++) {
        const head = requestColumns('demo', now, enrichment);
        let lines = '';
        for (const e of parsed[i % parsed.length]?.e ?? []) lines += rowLine(head, e);
        Buffer.from(lines);
      }
    });
  }
} finally {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
}
