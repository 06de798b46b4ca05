/** Puts the app on a port: migrates the store, makes sure the demo site exists, listens. */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp, missingBuilds } from './app.js';
import type { ServerConfig } from './config.js';
import { DEMO_SITE } from './demo/shop-routes.js';
import { quarantine as quarantineOf } from './ingest/quarantine.js';
import type { Logger } from './log.js';
import { ingestMetrics } from './ops/metrics.js';
import { spooledSink } from './spool/event-sink.js';
import { migrate } from './store/migrate.js';
import { siteRegistry } from './store/sites.js';
import type { Store } from './store/store.js';

/** How long an idle keep-alive connection stays open, ms. */
export const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Stops accepting requests, waits for open ones, then drains the spool into the store. */
  close(): Promise<void>;
  /** Resolves once every event acknowledged so far is in the store (for tests and tools). */
  flush(timeoutMs?: number): Promise<void>;
}

/** Starts the HTTP server on `store`; resolves once it listens. */
export async function startServer(config: ServerConfig, store: Store, log: Logger): Promise<RunningServer> {
  const applied = await migrate(store);
  if (applied.length > 0) log.info('schema migrated', { applied });
  const sites = siteRegistry(store);
  if (config.demo && !(await sites.find(DEMO_SITE))) {
    await sites.save({ key: DEMO_SITE, name: 'Demo shop', origins: [] });
  }
  for (const missing of missingBuilds())
    log.error(`not built: ${missing}; run \`npm start\` from the repository root`);

  const ingest = config.ingest ?? {};
  const metrics = ingestMetrics();
  const quarantine = quarantineOf(store, log);
  const sink = await spooledSink({
    store,
    dir: ingest.spoolDir ?? join(config.store.dataDir, 'spool'),
    log,
    metrics,
    spool: { maxBytes: ingest.spoolMaxBytes },
  });
  const app = createApp({
    store,
    sites,
    log,
    demo: config.demo,
    ingest: { sink, metrics, quarantine, rateLimit: ingest.rateLimit, trustProxy: ingest.trustProxy },
  });
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
    (resolve, reject) => {
      const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (address) =>
        resolve({ server, address }),
      );
      server.once('error', reject);
    },
  );
  // Node closes idle keep-alive connections after 5 s by default, racing clients and load
  // balancers that reuse them (load tests saw a few failed requests from it); 65 s outlasts
  // the usual 60 s of balancers and SDK batch intervals.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }
  const url = `http://${address.address}:${address.port}`;
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sink.close();
      await quarantine.close();
    },
    flush: (timeoutMs) => sink.flush(timeoutMs),
  };
}
