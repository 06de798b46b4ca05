/**
 * Quarantine: every event (or whole body) ingest refused, with its reason, so nothing
 * disappears silently; the operator reads it with SQL or `heatfunnel quarantine`.
 */
import type { Ddl } from '../ddl.js';

export const version = 103;
export const name = 'quarantine';

/** Days refused input is kept. */
const KEEP_DAYS = 30;

/** DDL for the quarantine table. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('quarantine')}${ddl.onCluster} (
    received_at DateTime64(3, 'UTC'),
    site LowCardinality(String),
    reason LowCardinality(String),
    field String,
    message String,
    event_index Int32,
    payload String
  )
  ENGINE = ${ddl.engine('MergeTree')}
  PARTITION BY toYYYYMMDD(received_at)
  ORDER BY (site, reason, received_at)
  TTL toDate(received_at) + INTERVAL ${KEEP_DAYS} DAY DELETE`,
  ...ddl.distributed('quarantine', 'rand()'),
];
