/**
 * What a migration needs to write DDL that runs on the embedded engine, a single ClickHouse
 * server, or a cluster. In cluster mode (`CLICKHOUSE_CLUSTER`) each table is a Replicated*
 * table `<name>_local` on every node, created `ON CLUSTER`, with a Distributed table
 * `<name>` over it that ingest and queries use, so a deployment grows by adding shards.
 */

export interface Ddl {
  /** The table queries and inserts use (in cluster mode the Distributed one), quoted. */
  t(name: string): string;
  /** The table that holds the rows on this node, quoted. */
  local(name: string): string;
  /** `ON CLUSTER ...` in cluster mode, else empty. */
  onCluster: string;
  /** A MergeTree-family engine, Replicated in cluster mode: `engine('SummingMergeTree')`. */
  engine(family: string, ...args: string[]): string;
  /**
   * After a local table: in cluster mode the Distributed table over it (sharded by
   * `shardingKey`); nothing otherwise.
   */
  distributed(name: string, shardingKey: string): string[];
  /** The TTL clause for a table keyed by date `column`, or empty when retention is unlimited. */
  ttl(column: string): string;
  /**
   * `ALTER TABLE <table> <clause>` for the table that holds the rows and, in cluster mode,
   * its Distributed table too (whose columns must follow), each `ON CLUSTER`.
   */
  alter(table: string, clause: string): string[];
}

const quote = (identifier: string) => `\`${identifier.replaceAll('`', '')}\``;

/** The DDL context for `database`, clustered when `cluster` is set, keeping rows `retentionDays`. */
export function ddlFor(database: string, cluster?: string, retentionDays?: number): Ddl {
  const ddl = base(database, cluster, retentionDays);
  return {
    ...ddl,
    alter: (table, clause) =>
      [...new Set([ddl.local(table), ddl.t(table)])].map(
        (name) => `ALTER TABLE ${name}${ddl.onCluster} ${clause}`,
      ),
  };
}

function base(database: string, cluster?: string, retentionDays?: number): Omit<Ddl, 'alter'> {
  const qualified = (name: string) => `${quote(database)}.${quote(name)}`;
  const ttl = (column: string) =>
    retentionDays ? `TTL toDate(${column}) + INTERVAL ${Math.floor(retentionDays)} DAY DELETE` : '';
  if (!cluster) {
    return {
      t: qualified,
      local: qualified,
      onCluster: '',
      engine: (family, ...args) => (args.length > 0 ? `${family}(${args.join(', ')})` : family),
      distributed: () => [],
      ttl,
    };
  }
  return {
    t: qualified,
    local: (name) => qualified(`${name}_local`),
    onCluster: ` ON CLUSTER ${quote(cluster)}`,
    engine: (family, ...args) =>
      `Replicated${family}(${["'/clickhouse/tables/{shard}/{database}/{table}'", "'{replica}'", ...args].join(', ')})`,
    distributed: (name, shardingKey) => [
      `CREATE TABLE IF NOT EXISTS ${qualified(name)} ON CLUSTER ${quote(cluster)} AS ${qualified(`${name}_local`)}
        ENGINE = Distributed(${quote(cluster)}, ${quote(database)}, ${quote(`${name}_local`)}, ${shardingKey})`,
    ],
    ttl,
  };
}
