/**
 * Event ids already stored, per site: the flusher skips events whose id is here, so a
 * batch the SDK retries (same UUIDv7 ids) is counted once. Filled by a view on `events`,
 * so every insert path records its ids; kept as long as a retry can plausibly arrive.
 */
import type { Ddl } from '../ddl.js';

export const version = 101;
export const name = 'event-ids';

/** Days an id is remembered; the SDK gives up on a batch long before. */
const KEEP_DAYS = 8;

/** DDL for `event_ids` and the view that fills it. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('event_ids')}${ddl.onCluster} (
    site LowCardinality(String),
    id UUID,
    day Date
  )
  ENGINE = ${ddl.engine('ReplacingMergeTree')}
  PARTITION BY day
  ORDER BY (site, id)
  TTL day + INTERVAL ${KEEP_DAYS} DAY DELETE
  SETTINGS non_replicated_deduplication_window = 10000`,
  ...ddl.distributed('event_ids', 'rand()'),
  `CREATE MATERIALIZED VIEW IF NOT EXISTS ${ddl.local('event_ids_mv')}${ddl.onCluster}
    TO ${ddl.local('event_ids')} AS SELECT site, id, toDate(received_at) AS day FROM ${ddl.local('events')}`,
];
