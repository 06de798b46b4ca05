/**
 * The whole HTTP surface as one Hono app: ingest, the read API, the SDK script, the demo
 * shop and the viewer. Tests build it and call `app.request()`; `serve.ts` puts it on a port.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BATCH_PATH } from '@heatfunnel/sdk/protocol';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { apiRoutes } from './api/api-routes.js';
import { shopRoutes } from './demo/shop-routes.js';
import { batchRoute } from './ingest/batch-route.js';
import { type Quarantine, quarantine as quarantineOf } from './ingest/quarantine.js';
import { rateLimiter } from './ingest/rate-limit.js';
import { snapshotPolicy } from './ingest/snapshot-policy.js';
import { snapshotRoutes } from './ingest/snapshot-routes.js';
import { snapshotStore } from './ingest/snapshot-store.js';
import type { Logger } from './log.js';
import { type IngestMetrics, ingestMetrics } from './ops/metrics.js';
import { opsRoutes } from './ops/ops-routes.js';
import { storedEventsRoute } from './ops/stored-events.js';
import { directSink, type EventSink } from './spool/event-sink.js';
import type { SiteRegistry } from './store/sites.js';
import type { Store } from './store/store.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Where the built SDK and viewer are; `npm start` and `npm test` build them. */
export const SDK_DIST = join(packageDir('@heatfunnel/sdk'), 'dist');
// The viewer is found by its place in the repository rather than as a package: it imports
// the server's answer types, and a dependency each way would be a cycle.
export const VIEWER_DIST = fileURLToPath(new URL('../../viewer/dist', import.meta.url));

export interface AppOptions {
  store: Store;
  sites: SiteRegistry;
  log: Logger;
  /** Serve the demo shop under /demo. */
  demo?: boolean;
  /** Ingest's parts; by default rows go straight to the store (see spool/event-sink.ts). */
  ingest?: IngestOptions;
}

export interface IngestOptions {
  sink?: EventSink;
  quarantine?: Quarantine;
  metrics?: IngestMetrics;
  /** Batches per second per site when the site sets none; 0 for no limit. */
  rateLimit?: number;
  trustProxy?: boolean;
}

/** Builds the app. */
export function createApp({ store, sites, log, demo = false, ingest = {} }: AppOptions) {
  const app = new Hono();
  const {
    sink = directSink(store),
    quarantine = quarantineOf(store, log),
    metrics = ingestMetrics(),
    rateLimit = 0,
    trustProxy = false,
  } = ingest;
  app.route(
    '/',
    opsRoutes({
      sink,
      metrics,
      gauges: () => ({
        heatfunnel_quarantine_dropped: {
          help: 'Refused inputs not kept in the quarantine (buffer full or write failed).',
          value: quarantine.dropped(),
        },
      }),
    }),
  );
  app.route('/', storedEventsRoute({ store, sites, sink }));
  app.route(
    BATCH_PATH,
    batchRoute({
      sites,
      write: (rows) => sink.write(rows),
      quarantine,
      metrics,
      limiter: rateLimiter(),
      defaultRate: rateLimit,
      trustProxy,
      onError: (error) => log.error('batch write failed', { error: String(error) }),
    }),
  );
  const snapshots = snapshotStore(store);
  app.route(
    '/',
    snapshotRoutes({
      sites,
      store: snapshots,
      // The demo asks for a fresh snapshot (one visitor a minute) so its backdrops follow the shop.
      policy: snapshotPolicy({ store: snapshots, freshDays: demo ? 0 : undefined }),
      entryFile: join(SDK_DIST, 'heatfunnel-snapshot.js'),
      onError: (error) => log.error('snapshot failed', { error: String(error) }),
    }),
  );
  app.route('/api', apiRoutes({ store, sites }));
  app.use(
    '/sdk/*',
    serveStatic({
      root: SDK_DIST,
      rewriteRequestPath: (path) => path.replace(/^\/sdk/, ''),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
      },
    }),
  );
  if (demo) app.route('/', shopRoutes());
  app.use('/*', serveStatic({ root: VIEWER_DIST }));
  app.onError((error, c) => {
    log.error('request failed', { path: c.req.path, error: String(error) });
    return c.json({ error: 'internal', message: 'the server failed to answer; see its log' }, 500);
  });
  return app;
}

/** Names the builds that are missing, so the server can say what to run. */
export function missingBuilds(): string[] {
  return [
    [join(SDK_DIST, 'heatfunnel.js'), 'the SDK (pnpm --filter @heatfunnel/sdk build)'],
    [join(VIEWER_DIST, 'index.html'), 'the viewer (pnpm --filter @heatfunnel/viewer build)'],
  ]
    .filter(([file]) => !existsSync(file as string))
    .map(([, what]) => what as string);
}
