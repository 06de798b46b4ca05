/**
 * Clicks per element (selector hash) per page key, device, day, platform and channel, with
 * unique clickers and where inside the element people clicked (10 x 10 bins of the
 * element-relative position), so the viewer can place heat on the element after reflow.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 4;
export const name = 'element-clicks';

// Renamed inside, so that the output names (the target's columns) do not shadow inputs.
/** The view's SELECT over `events` (a table, or a subquery of raw events for segments). */
export const select = (events: string): string =>
  `SELECT site, page_key, device, day, platform, channel, hash AS selector_hash, eby, ebx,
        anyLast(sel) AS selector, toUInt64(count()) AS clicks, toUInt64(sum(r)) AS rage, toUInt64(sum(d)) AS dead,
        uniqState(anon_id) AS clickers
      FROM (
        SELECT site, page_key, device, toDate(ts) AS day, platform, channel,
          if(selector_hash != '', selector_hash, lower(hex(xxHash32(selector)))) AS hash,
          toUInt8(least(floor(ey * 10), 9)) AS eby, toUInt8(least(floor(ex * 10), 9)) AS ebx,
          selector AS sel, rage AS r, dead AS d, anon_id
        FROM ${events}
        WHERE type = 'click' AND selector != ''
      )
      GROUP BY site, page_key, device, day, platform, channel, hash, eby, ebx`;

/** DDL for the element clicks table and its view. */
// Events without the SDK's hash get one from the engine, so every element has a key.
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('element_clicks')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    device LowCardinality(String),
    day Date,
    platform LowCardinality(String),
    channel LowCardinality(String),
    selector_hash String,
    eby UInt8,
    ebx UInt8,
    selector SimpleAggregateFunction(anyLast, String),
    clicks SimpleAggregateFunction(sum, UInt64),
    rage SimpleAggregateFunction(sum, UInt64),
    dead SimpleAggregateFunction(sum, UInt64),
    clickers AggregateFunction(uniq, String)
  )
  ENGINE = ${ddl.engine('AggregatingMergeTree')}
  PARTITION BY toYYYYMM(day)
  ORDER BY (site, page_key, device, day, platform, channel, selector_hash, eby, ebx)
  ${ddl.ttl('day')}`,
  ...ddl.distributed('element_clicks', 'cityHash64(page_key)'),
  ...materializedView(ddl, { target: 'element_clicks', select }),
];
