/**
 * Node's share of ingest, without sockets: CPU µs per event for `POST /v1/batch` through
 * the real app (`app.request`), 20-event batches, 64 requests in flight, into the durable
 * spool (fsync on; segments dropped instead of inserted). Also the parts alone: JSON.parse,
 * validation, row encoding. CPU time keeps its meaning on a busy machine, so Node-side
 * changes can be compared here while wall-clock benchmarks cannot.
 *
 *   pnpm --filter @heatfunnel/server exec tsx bench/batch-route-cpu.ts [--batches 40000] [--rounds 3]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { requestColumns, rowLine } from '../src/ingest/event-row.js';
import type { Quarantine } from '../src/ingest/quarantine.js';
import { validateEvent } from '../src/ingest/validate-event.js';
import { silentLogger } from '../src/log.js';
import { spooledSink } from '../src/spool/event-sink.js';
import type { Site, SiteRegistry } from '../src/store/sites.js';
import type { Store } from '../src/store/store.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '3' },
  },
});
const BATCHES = Number(values.batches);
const ROUNDS = Number(values.rounds);
const BATCH = 20;
const IN_FLIGHT = 64;

let counter = 0;
const prefix = randomBytes(3).toString('hex');
/** The ingest benchmark's batch: a page view, then three clicks, fresh UUIDv7-shaped ids. */
function body(): string {
  const now = Date.now();
  const hex = now.toString(16).padStart(12, '0');
  const events: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const n = (counter++).toString(16).padStart(12, '0');
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${prefix.slice(0, 3)}-8${prefix.slice(3)}-${n}`;
    const common = `"id":"${id}","ts":${now},"a":"anon-${counter % 5000}","s":"s-${counter % 9000}","p":"web","url":"https://shop.example/product/${i}","pk":"/product/:id","vw":1280,"vh":800,"dw":1280,"dh":3000`;
    events.push(
      i % 4 === 0
        ? `{"t":"pageview",${common}}`
        : `{"t":"click",${common},"x":${100 + i},"y":${200 + i * 7},"sel":"div.card>button.buy","sh":"1a2b3c4d","ex":0.5,"ey":0.5,"ew":120,"eh":40}`,
    );
  }
  return `{"k":"demo","v":1,"e":[${events.join(',')}]}`;
}

const demo: Site = { key: 'demo', name: 'Demo', origins: [] };
const sites: SiteRegistry = {
  find: async (key) => (key === demo.key ? demo : undefined),
  findByWriteKey: async (key) => (key === demo.key ? demo : undefined),
  list: async () => [demo],
  save: async () => {},
};
const quarantine: Quarantine = {
  add: () => {},
  flush: async () => {},
  dropped: () => 0,
  close: async () => {},
};

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
const bodies = Array.from({ length: 2000 }, body);
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
