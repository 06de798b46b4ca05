/**
 * Versioned migrations, applied in order at start and by `heatfunnel migrate`; each
 * version is recorded once it has run, so a restart applies only what is new.
 */
import type { Ddl } from './ddl.js';
import * as events from './migrations/0001-events.js';
import * as sites from './migrations/0002-sites.js';
import * as clickCells from './migrations/0003-click-cells.js';
import * as elementClicks from './migrations/0004-element-clicks.js';
import * as scrollDepth from './migrations/0005-scroll-depth.js';
import * as attention from './migrations/0006-attention.js';
import * as pageStats from './migrations/0007-page-stats.js';
import * as visitorFirstSeen from './migrations/0008-visitor-first-seen.js';
import * as eventIds from './migrations/0101-event-ids.js';
import * as enrichment from './migrations/0102-enrichment.js';
import * as quarantine from './migrations/0103-quarantine.js';
import * as siteSettings from './migrations/0104-site-settings.js';
import * as snapshots from './migrations/0105-snapshots.js';
import * as snapshotRateAndText from './migrations/0106-snapshot-rate-and-text.js';
import * as miniTaps from './migrations/0107-mini-taps.js';
import * as readToken from './migrations/0108-read-token.js';
import * as elementTexts from './migrations/0110-element-texts.js';
import type { Store } from './store.js';

interface Migration {
  /** Unique, increasing; the file name starts with it. */
  version: number;
  name: string;
  statements: (ddl: Ddl) => string[];
}

/**
 * Every migration. Versions are explicit so that work on different features can add
 * migrations side by side; they run in version order.
 */
export const migrations: readonly Migration[] = [
  events,
  sites,
  clickCells,
  elementClicks,
  scrollDepth,
  attention,
  pageStats,
  visitorFirstSeen,
  eventIds,
  enrichment,
  quarantine,
  siteSettings,
  snapshots,
  readToken,
  snapshotRateAndText,
  miniTaps,
  elementTexts,
].sort((a, b) => a.version - b.version);

/** Applies the migrations the store has not seen yet; returns the names applied. */
export async function migrate(store: Store): Promise<string[]> {
  const log = store.table('schema_migrations');
  await store.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${log}${store.ddl.onCluster}
      (version UInt32, name String, applied_at DateTime DEFAULT now())
      ENGINE = ${store.ddl.engine('ReplacingMergeTree')} ORDER BY version`,
  });
  // Every version not recorded yet runs, not only those above the highest: features add
  // migrations side by side, so a lower version can arrive after a higher one was applied.
  const done = await store.client.query({
    query: `SELECT DISTINCT version FROM ${log}`,
    format: 'JSONEachRow',
  });
  const seen = new Set((await done.json<{ version: number }>()).map((row) => Number(row.version)));
  const applied: string[] = [];
  for (const migration of migrations) {
    const { version } = migration;
    if (seen.has(version)) continue;
    for (const query of migration.statements(store.ddl)) await store.client.command({ query });
    await store.client.insert({
      table: log,
      values: [{ version, name: migration.name }],
      format: 'JSONEachRow',
    });
    applied.push(migration.name);
  }
  return applied;
}
