/** Sites: each site key and the origins allowed to send for it. */
import type { Ddl } from '../ddl.js';

export const version = 2;
export const name = 'sites';

/** DDL for the sites table; the latest `version` of a key wins. */
export const statements = (ddl: Ddl): string[] => [
  `CREATE TABLE IF NOT EXISTS ${ddl.local('sites')}${ddl.onCluster} (
    key String,
    name String,
    origins Array(String),
    version UInt64
  )
  ENGINE = ${ddl.engine('ReplacingMergeTree', 'version')}
  ORDER BY key`,
  ...ddl.distributed('sites', 'cityHash64(key)'),
];
