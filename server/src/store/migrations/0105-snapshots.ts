/**
 * Page snapshots for heatmap backdrops (protocol `SnapshotUpload`): one row per site, page
 * key, device class and content hash; the viewer rebuilds the newest for the heatmap it
 * shows. The serialised tree compresses well, so the body column uses ZSTD.
 */
import type { Ddl } from '../ddl.js';

export const version = 105;
export const name = 'snapshots';

/** Days a snapshot is kept after it was last received. */
const KEEP_DAYS = 90;

/** DDL for the snapshots table. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('snapshots')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    hash String,
    url String,
    viewport_width UInt32,
    viewport_height UInt32,
    doc_width UInt32,
    doc_height UInt32,
    taken_at DateTime64(3, 'UTC'),
    received_at DateTime64(3, 'UTC'),
    body String CODEC(ZSTD(3))
  )
  ENGINE = ${ddl.engine('ReplacingMergeTree', 'received_at')}
  ORDER BY (site, page_key, device, hash)
  TTL toDate(received_at) + INTERVAL ${KEEP_DAYS} DAY DELETE`,
  ...ddl.distributed('snapshots', 'cityHash64(site, page_key)'),
];
