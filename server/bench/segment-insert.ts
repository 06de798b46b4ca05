/**
 * The flusher's share of ingest, in the embedded engine: CPU time (all of the process's
 * threads: the engine runs in-process) per row for inserting spool segments into `events`,
 * with the id check and every aggregation view (the server's path), and without parts of
 * it, to see what each part costs. CPU time holds its meaning on a busy machine.
 * Variants: server-path, no-id-check, no-views (only `events` and `event_ids`),
 * without:<view> (one view dropped).
 *
 *   pnpm --filter @heatfunnel/server exec tsx bench/segment-insert.ts [--segments 4] [--rows 100000] [--variants a,b]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { eventRow } from '../src/ingest/event-row.js';
import { rowLines } from '../src/spool/row-lines.js';
import { migrate } from '../src/store/migrate.js';
import { openStore, type Store } from '../src/store/store.js';
import { type IdCheck, insertSegment } from '../src/store/write-events.js';

const { values } = parseArgs({
  options: {
    segments: { type: 'string', default: '4' },
    rows: { type: 'string', default: '100000' },
    variants: { type: 'string', default: 'server-path,no-id-check,no-views' },
  },
});
const SEGMENTS = Number(values.segments);
const ROWS = Number(values.rows);

let counter = 0;
const prefix = randomBytes(4).toString('hex');
/** Events like the ingest benchmark's: a page view, then three clicks, fresh ids. */
function event(now: number): WireEvent {
  const n = counter++;
  const id = `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
  const common = {
    id,
    ts: now,
    a: `anon-${n % 5000}`,
    s: `s-${n % 9000}`,
    p: 'web' as const,
    url: `https://shop.example/product/${n % 50}`,
    pk: '/product/:id',
    vw: 1280,
    vh: 800,
    dw: 1280,
    dh: 3000,
  };
  return n % 4 === 0
    ? { ...common, t: 'pageview' }
    : {
        ...common,
        t: 'click',
        x: 100 + (n % 900),
        y: 200 + (n % 2000),
        sel: 'div.card>button.buy',
        sh: '1a2b3c4d',
        ex: 0.5,
        ey: 0.5,
        ew: 120,
        eh: 40,
      };
}

const enrichment = { browser: 'Chrome', os: 'Linux', ua_device: '', bot: 0, ip: '203.0.113.0' };

function writeSegments(dir: string): string[] {
  const files: string[] = [];
  for (let s = 0; s < SEGMENTS; s++) {
    const now = Date.now();
    const rows = Array.from({ length: ROWS }, () => eventRow('demo', event(now), now, enrichment));
    const file = join(dir, `${String(s).padStart(12, '0')}-${prefix}.ndjson`);
    writeFileSync(file, rowLines(rows));
    files.push(file);
  }
  return files;
}

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Drops the aggregation views (not `event_ids_mv`), so inserts feed only `events` and the id table. */
async function dropViews(store: Store) {
  const result = await store.client.query({
    query: `SELECT name FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView' AND name != 'event_ids_mv'`,
    query_params: { db: store.database },
    format: 'JSONEachRow',
  });
  for (const { name } of await result.json<{ name: string }>()) {
    await store.client.command({ query: `DROP TABLE ${store.table(name)}` });
  }
}

async function variant(name: string, dataDir: string, files: string[], { quiet = false } = {}) {
  const store = await openStore({ dataDir, database: `bench_${name.replace(/\W/g, '_')}_${prefix}` });
  await migrate(store);
  if (name === 'no-views') await dropViews(store);
  // `without:<view>` drops one view, to see what it costs.
  if (name.startsWith('without:'))
    await store.client.command({ query: `DROP TABLE ${store.table(name.slice(8))}` });
  const idCheck: IdCheck = name === 'no-id-check' ? 'none' : 'staged';
  const insert = (file: string, token: string) => insertSegment(store, file, token, { idCheck });
  const cpuStart = cpu();
  const wallStart = performance.now();
  for (const file of files) await insert(file, `bench:${file}`);
  if (quiet) {
    await store.client.command({ query: `DROP DATABASE ${store.database}` });
    return;
  }
  const wall = (performance.now() - wallStart) / 1000;
  const insertCpu = cpu() - cpuStart;
  // Background merges of the new parts: let them run, then count their CPU too.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const settledCpu = cpu() - cpuStart;
  const rows = files.length * ROWS;
  console.log(
    `${name.padEnd(12)} ${((insertCpu * 1e6) / rows).toFixed(2)} µs CPU/row in the inserts, ${((settledCpu * 1e6) / rows).toFixed(2)} µs with 3 s of merges after; ${Math.round(rows / wall).toLocaleString('en-US')} rows/s wall`,
  );
  await store.client.command({ query: `DROP DATABASE ${store.database}` });
}

const dataDir = mkdtempSync(join(tmpdir(), 'hf-segment-bench-'));
try {
  const files = writeSegments(dataDir);
  console.log(
    `${SEGMENTS} segments of ${ROWS.toLocaleString('en-US')} rows (a page view, then three clicks)`,
  );
  // The first queries of a process pay for the engine's start: a variant nobody reads goes first.
  await variant('warm-up', dataDir, files.slice(0, 1), { quiet: true });
  for (const name of (values.variants ?? '').split(',')) await variant(name, dataDir, files);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
