/**
 * The ceiling for the ingest benchmark: the same Hono and node-server, the same body
 * reading and JSON.parse as `POST /v1/batch`, then the events are dropped. Prints
 * `heatfunnel listening on URL` like the real server.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/v1/batch', async (c) => {
  const batch = JSON.parse(new TextDecoder().decode(new Uint8Array(await c.req.arrayBuffer())));
  return c.json({ accepted: Array.isArray(batch.e) ? batch.e.length : 0, rejected: [] });
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, ({ port }) =>
  console.log(`heatfunnel listening on http://127.0.0.1:${port} (parse-only)`),
);
process.once('SIGTERM', () => process.exit(0));
