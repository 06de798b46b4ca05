/**
 * The store: one `@clickhouse/client` for both engines. The embedded engine (chDB) runs
 * in-process on a local directory; `CLICKHOUSE_URL` points the same code at a server.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';

type ClientOptions = NonNullable<Parameters<typeof createClient>[0]>;

import type { StoreConfig } from '../config.js';
import { type Ddl, ddlFor } from './ddl.js';

export interface Store {
  client: ClickHouseClient;
  /** Database holding the tables; an identifier checked by the config, safe to quote. */
  database: string;
  /** `database.table`, quoted for SQL. */
  table(name: string): string;
  /** DDL context for migrations (single node or cluster). */
  ddl: Ddl;
  /** Which engine this is, for logs and /healthz. */
  engine: 'embedded' | 'server';
  close(): Promise<void>;
}

// The embedded engine answers 64-bit integers as JSON numbers and a server as strings;
// asking both for numbers keeps query modules engine-agnostic.
const settings = { output_format_json_quote_64bit_integers: 0 } as const;

/**
 * The embedded engine shares this process's cores with the HTTP handlers, so CPU time counts
 * more than one insert's wall time: parsing a spool segment on one thread instead of
 * splitting it across threads costs 3.9 instead of 4.5 µs of CPU per row for the whole
 * segment insert at the same rows per second (`bench/segment-insert.ts`, 2026-11-24).
 */
const EMBEDDED_SETTINGS = { input_format_parallel_parsing: 0 } as const;

/** Opens the store the configuration names; the embedded engine creates its data directory. */
export async function openStore(config: StoreConfig): Promise<Store> {
  let client: ClickHouseClient;
  let engine: Store['engine'];
  if (config.url) {
    client = createClient({
      url: config.url,
      username: config.user,
      password: config.password,
      clickhouse_settings: settings,
    });
    engine = 'server';
  } else {
    const path = resolve(config.dataDir);
    mkdirSync(path, { recursive: true });
    // Loaded lazily: a deployment on a ClickHouse server never loads the 500 MB engine.
    const { createChdbConnection } = await import('chdb/connection');
    // chdb types its connection against its own copy of @clickhouse/client-common, which
    // differs from the one inside @clickhouse/client only in declarations, not at run time.
    const connection = createChdbConnection({ path }) as unknown as ClientOptions['connection'];
    client = createClient({ connection, clickhouse_settings: { ...settings, ...EMBEDDED_SETTINGS } });
    engine = 'embedded';
  }
  const db = config.database;
  const ddl = ddlFor(db, config.cluster, config.retentionDays);
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS \`${db}\`${ddl.onCluster}` });
  return {
    client,
    database: db,
    table: ddl.t,
    ddl,
    engine,
    close: () => client.close(),
  };
}
