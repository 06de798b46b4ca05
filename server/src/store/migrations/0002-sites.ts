/** Sites: each site key and the origins allowed to send for it. */
export const version = 2;
export const name = 'sites';

/** DDL for the sites table; the latest `version` of a key wins. */
export const statements = (t: (name: string) => string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${t('sites')} (
    key String,
    name String,
    origins Array(String),
    version UInt64
  )
  ENGINE = ReplacingMergeTree(version)
  ORDER BY key`,
];
