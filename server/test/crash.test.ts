/**
 * Crash: `kill -9` the server under load, restart it on the same data directory, and
 * check that every event that got a 2xx is in ClickHouse exactly once, including batches
 * the clients retry after the restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../src/store/store.js';
import { sendLoad } from './helpers/load.js';
import { type ServerProcess, startServerProcess, stopServerProcess } from './helpers/server-process.js';
import { rows } from './helpers/store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hf-crash-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  if (server) await stopServerProcess(server, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('keeps every acknowledged event exactly once across kill -9 and restart', async () => {
  server = await startServerProcess(dataDir);
  const first = server;
  // Kill once the load has run for a while, in the middle of requests.
  let started = 0;
  const killer = (async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (started >= 5_000) break;
    }
    process.kill(first.pid, 'SIGKILL');
  })();
  const load = await sendLoad({
    url: first.url,
    concurrency: 16,
    stop: () => {
      started++;
      return first.child.signalCode !== null;
    },
  });
  await killer;
  expect(await first.exited).toBe('SIGKILL');
  const acknowledged = load.acknowledged;
  expect(acknowledged.length).toBeGreaterThan(1_000);
  // Some batches were in flight when the process died: they got no answer.
  expect(load.statuses.get(0) ?? 0).toBeGreaterThan(0);

  // Restart: the spool is replayed; clients retry some acknowledged batches.
  server = await startServerProcess(dataDir);
  for (const body of load.acknowledgedBodies.slice(-50)) {
    const response = await fetch(`${server.url}/v1/batch`, { method: 'POST', body });
    expect(response.status).toBe(200);
  }
  // A graceful stop drains the spool; then this process may open the data directory.
  expect(server.output()).toContain('replaying the spool');
  expect(await stopServerProcess(server, 'SIGTERM')).toBe(0);
  server = undefined;

  const store = await openStore({ dataDir, database: 'heatfunnel' });
  try {
    const counts = await rows<{ total: number; distinct: number }>(
      store,
      `SELECT count() AS total, uniqExact(id) AS distinct FROM ${store.table('events')} WHERE site = 'demo'`,
    );
    const missing = await rows<{ n: number }>(
      store,
      `SELECT count() AS n FROM (SELECT arrayJoin({ids:Array(UUID)}) AS id) AS acked
        WHERE id NOT IN (SELECT id FROM ${store.table('events')} WHERE site = 'demo')`,
      { ids: acknowledged },
    );
    expect(missing[0]?.n).toBe(0);
    expect(counts[0]?.total).toBe(counts[0]?.distinct);
    expect(counts[0]?.total).toBeGreaterThanOrEqual(acknowledged.length);
  } finally {
    await store.close();
  }
}, 240_000);
