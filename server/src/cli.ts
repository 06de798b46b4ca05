/**
 * The `heatfunnel` command: serve, migrate, seed demo data, or all three for the demo.
 * Run `heatfunnel help` for the commands and options.
 */

import { progressBar } from './cli/progress.js';
import { quarantineCommand } from './cli/quarantine.js';
import { selfCheck } from './cli/self-check.js';
import { sitesCommand } from './cli/sites.js';
import { parseConfigArgs, type ServerConfig } from './config.js';
import { seedDemoSnapshots } from './demo/demo-snapshots.js';
import { DEMO_PAGES } from './demo/layout.js';
import { seedDemo } from './demo/seed.js';
import { DEMO_SITE } from './demo/shop-routes.js';
import { jsonLogger } from './log.js';
import { startServer } from './serve.js';
import { migrate } from './store/migrate.js';
import { openStore, type Store } from './store/store.js';

const HELP = `heatfunnel <command> [options]

Commands:
  serve     apply the schema and start the server
  migrate   apply the schema and exit
  seed      write demo events for the site "demo" (--events N, default 300000)
  demo      migrate, seed when the demo site has no events yet (and store the demo pages'
            snapshots when it has none), and serve with the demo shop
  sites     add|list|rotate-key|rotate-read-token|clear-read-token: sites, write keys, read
            tokens, allowed origins (\`heatfunnel sites\` for help)
  quarantine  the latest refused events with their reasons (--site, --reason, --limit)
  help      show this text

Options (environment variable in brackets):
  --host H            listen address [HEATFUNNEL_HOST], default 127.0.0.1
  --port P            port, 0 for any free one [HEATFUNNEL_PORT], default 8080
  --data-dir D        embedded engine's data directory [HEATFUNNEL_DATA_DIR], default .data/chdb
  --clickhouse-url U  use a ClickHouse server instead of the embedded engine [CLICKHOUSE_URL]
                      (with CLICKHOUSE_USER, CLICKHOUSE_PASSWORD)
  --database NAME     database for Heatfunnel's tables [CLICKHOUSE_DATABASE], default heatfunnel
  --cluster NAME      create Replicated + Distributed tables ON CLUSTER NAME [CLICKHOUSE_CLUSTER]
  --retention-days N  keep raw events and aggregates N days [HEATFUNNEL_RETENTION_DAYS], default forever
  --demo              serve the demo shop and make sure the site "demo" exists
  --exit-after-start  (serve, demo) check that the server, SDK, viewer and demo data answer, then exit
  --spool-dir D       durable ingest spool [HEATFUNNEL_SPOOL_DIR], default <data-dir>/spool
  --spool-max-mb N    spool cap while the store is behind; past it 503 [HEATFUNNEL_SPOOL_MAX_MB], default 1024
  --rate-limit N      batches per second per site unless the site sets one [HEATFUNNEL_RATE_LIMIT], default 0 (none)
  --trust-proxy       client address from X-Forwarded-For [HEATFUNNEL_TRUST_PROXY=1]
`;

const log = jsonLogger();

async function countDemoEvents(store: Store): Promise<number> {
  const result = await store.client.query({
    query: `SELECT count() AS n FROM ${store.table('events')} WHERE site = {site:String}`,
    query_params: { site: DEMO_SITE },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: number }>();
  return row?.n ?? 0;
}

/** Stored snapshots of the demo shop's own pages (the seed's, or ones visitors' browsers took). */
async function countDemoSnapshots(store: Store): Promise<number> {
  const result = await store.client.query({
    query: `SELECT count() AS n FROM ${store.table('snapshots')}
      WHERE site = {site:String} AND page_key IN {pages:Array(String)}`,
    query_params: { site: DEMO_SITE, pages: DEMO_PAGES.map((p) => p.pageKey) },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ n: number | string }>();
  return Number(row?.n ?? 0);
}

const demoOrigin = (config: ServerConfig) => `http://${config.host}:${config.port || 8080}`;

async function seed(store: Store, events: number, config: ServerConfig): Promise<void> {
  const bar = progressBar('seeding demo events', events);
  const origin = demoOrigin(config);
  const written = await seedDemo(store, {
    events,
    origin,
    onProgress: (n) => bar.update(Math.min(n, events)),
  });
  bar.finish();
  console.log(`wrote ${written} demo events`);
}

async function serve(config: ServerConfig, store: Store, exitAfterStart = false): Promise<void> {
  const server = await startServer(config, store, log);
  console.log(`heatfunnel listening on ${server.url}`);
  if (config.demo) {
    console.log(`  demo shop: ${server.url}/demo/`);
    console.log(`  viewer:    ${server.url}/`);
  }
  const stop = async (signal: string, code = 0) => {
    log.info('stopping', { signal });
    await server.close();
    await store.close();
    process.exit(code);
  };
  if (exitAfterStart) {
    const lines = await selfCheck(server.url, config.demo).catch((error: Error) => {
      console.error(`heatfunnel: self-check failed: ${error.message}`);
      return undefined;
    });
    for (const line of lines ?? []) console.log(`  self-check ${line}`);
    return stop('exit-after-start', lines ? 0 : 1);
  }
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command = 'help', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  if (command === 'sites') return sitesCommand(rest);
  if (command === 'quarantine') return quarantineCommand(rest);
  const { config, events, exitAfterStart, positionals } = parseConfigArgs(rest);
  if (positionals.length > 0)
    throw new Error(`unexpected argument "${positionals[0]}"; run \`heatfunnel help\``);

  const store = await openStore(config.store);
  switch (command) {
    case 'serve':
      return serve(config, store, exitAfterStart);
    case 'migrate': {
      const applied = await migrate(store);
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return store.close();
    }
    case 'seed':
      await migrate(store);
      await seed(store, events, config);
      return store.close();
    case 'demo': {
      await migrate(store);
      const existing = await countDemoEvents(store);
      if (existing === 0) await seed(store, events, config);
      else {
        console.log(`demo data present (${existing} events); delete ${config.store.dataDir} to start over`);
        // Data seeded before the seed took snapshots would show no snapshot backdrop otherwise.
        if ((await countDemoSnapshots(store)) === 0) {
          const stored = await seedDemoSnapshots(store, { origin: demoOrigin(config) });
          console.log(`stored ${stored} demo page snapshots (the data had none)`);
        }
      }
      return serve({ ...config, demo: true }, store, exitAfterStart);
    }
    default:
      await store.close();
      throw new Error(`unknown command "${command}"; run \`heatfunnel help\``);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`heatfunnel: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
