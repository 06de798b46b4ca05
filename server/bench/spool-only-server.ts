/**
 * The middle rung of the ingest benchmark: the real app and batch route (validation,
 * enrichment, durable spool with fsync), but the flusher drops segments instead of
 * inserting them, so the figure shows what the Node side costs without the engine.
 * `BENCH_FSYNC=0` turns the spool's fsync off (to see what the fsync costs); `PORT` fixes the port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { jsonLogger } from '../src/log.js';
import { spooledSink } from '../src/spool/event-sink.js';
import type { Store } from '../src/store/store.js';
import { discardQuarantine as quarantine, demoSites as sites } from './bench-fixtures.js';

// Never queried by the batch route: inserts and probes are replaced below; routes that name
// their tables at start get names.
const store = { table: (name: string) => `bench.${name}` } as Store;
const log = jsonLogger();
const dir = mkdtempSync(join(tmpdir(), 'hf-spool-only-'));
const sink = await spooledSink({
  store,
  dir: join(dir, 'spool'),
  log,
  insert: async () => {},
  probe: async () => true,
  spool: { fsync: process.env.BENCH_FSYNC !== '0' },
});
const app = createApp({ store, sites, log, ingest: { sink, quarantine } });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) }, ({ port }) =>
  console.log(`heatfunnel listening on http://127.0.0.1:${port} (spool only)`),
);
// The spool's segments are dropped, never inserted: nothing in the directory is worth keeping.
process.once('SIGTERM', () => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
