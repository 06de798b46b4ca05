/** The HTTP server as clients meet it: idle keep-alive connections are not cut at Node's 5 s default. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../src/log.js';
import { KEEP_ALIVE_MS, type RunningServer, startServer } from '../src/serve.js';
import { freshStore, type TestStore } from './helpers/store.js';

let db: TestStore;
let server: RunningServer;
beforeAll(async () => {
  db = await freshStore([]);
  server = await startServer(
    { host: '127.0.0.1', port: 0, demo: true, store: { dataDir: db.dataDir, database: db.store.database } },
    db.store,
    silentLogger,
  );
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

it('keeps idle connections open for 65 s and says so to clients', async () => {
  const response = await fetch(`${server.url}/healthz`);
  expect(response.status).toBe(200);
  expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_MS / 1000}`);
});
