/**
 * The text of each clicked element (opt-in `tx`, migration 0106's `events.text`) per page
 * key and selector hash, kept by a view so the element ranking names elements by their text
 * without reading raw clicks: the events table's sort key groups all of a site's clicks under
 * one event key, so a per-page text lookup there reads every click of the site.
 */
import type { Ddl } from '../ddl.js';
import { materializedView } from '../materialized-view.js';

export const version = 110;
export const name = 'element-texts';

/** The view's SELECT over `events`; the hash as `element_clicks` makes it. */
export const select = (events: string): string =>
  `SELECT site, page_key, if(selector_hash != '', selector_hash, lower(hex(xxHash32(selector)))) AS hash,
      anyLast(text) AS last_text
    FROM ${events}
    WHERE type = 'click' AND selector != '' AND text != ''
    GROUP BY site, page_key, hash`;

/** DDL for the element texts table and its view. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('element_texts')}${ddl.onCluster} (
    site LowCardinality(String),
    page_key String,
    hash String,
    last_text SimpleAggregateFunction(anyLast, String)
  )
  ENGINE = ${ddl.engine('AggregatingMergeTree')}
  ORDER BY (site, page_key, hash)`,
  ...ddl.distributed('element_texts', 'cityHash64(page_key)'),
  ...materializedView(ddl, { target: 'element_texts', select }),
];
