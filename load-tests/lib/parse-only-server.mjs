#!/usr/bin/env node
/**
 * A parse-and-discard ingest endpoint: the ceiling the real server is measured against.
 * Same Hono and node-server versions as the server (taken from its dependencies), same
 * body decoding (gzip by header or `?gz=1`, JSON.parse), then it answers
 * `{ accepted, rejected: [] }` and drops the events: no validation, no store.
 * Usage: `node parse-only-server.mjs [port]`; prints `heatfunnel listening on URL` like the server.
 * `KEEP_ALIVE_MS` sets the idle keep-alive timeout (Node's default is 5 s; see README).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { REPO_ROOT } from './server-process.mjs';

const gunzipAsync = promisify(gunzip);
const fromServer = createRequire(join(REPO_ROOT, 'server', 'package.json'));
/**
 * The slice of Hono used here (this package does not depend on hono itself).
 * @typedef {{ req: { arrayBuffer(): Promise<ArrayBuffer>, header(name: string): string | undefined, query(name: string): string | undefined }, json(body: unknown): Response }} Context
 * @typedef {(c: Context) => Response | Promise<Response>} Handler
 * @type {{ Hono: new () => { get(path: string, h: Handler): void, post(path: string, h: Handler): void, fetch: unknown } }}
 */
const { Hono } = await import(fromServer.resolve('hono'));
/** @type {{ serve: (options: object, ready: (info: { port: number }) => void) => { keepAliveTimeout: number, headersTimeout: number } }} */
const { serve } = await import(fromServer.resolve('@hono/node-server'));

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/v1/batch', async (c) => {
  let bytes = new Uint8Array(await c.req.arrayBuffer());
  if (c.req.header('content-encoding') === 'gzip' || c.req.query('gz') === '1')
    bytes = await gunzipAsync(bytes);
  const batch = JSON.parse(new TextDecoder().decode(bytes));
  return c.json({ accepted: Array.isArray(batch.e) ? batch.e.length : 0, rejected: [] });
});

const server = serve(
  { fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2] ?? 0) },
  ({ port }) => console.log(`heatfunnel listening on http://127.0.0.1:${port} (parse-only)`),
);
if (process.env.KEEP_ALIVE_MS) {
  server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_MS);
  server.headersTimeout = server.keepAliveTimeout + 1000;
}
process.once('SIGTERM', () => process.exit(0));
