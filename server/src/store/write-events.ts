/**
 * Inserts event rows, dropping any whose (site, id) the store already has: the SDK
 * retries a batch whose answer it did not get, with the same event ids. Ids are looked
 * up in `event_ids` (filled by a view on `events`), and each insert also carries a
 * deduplication token, so replaying the same spool segment after a crash is a no-op.
 * Both engines run the same statements; only how a segment's bytes arrive differs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import type { EventRow } from '../ingest/event-row.js';
import { explained, isDataErrorType, SegmentDataError } from './segment-errors.js';
import type { Store } from './store.js';

/** The events table's columns as the spool writes them (NDJSON of `EventRow`). */
export const EVENT_COLUMNS: readonly (readonly [keyof EventRow, string])[] = [
  ['site', 'String'],
  ['id', 'UUID'],
  ['type', 'String'],
  ['ts', "DateTime64(3, 'UTC')"],
  ['received_at', "DateTime64(3, 'UTC')"],
  ['anon_id', 'String'],
  ['user_id', 'String'],
  ['session_id', 'String'],
  ['platform', 'String'],
  ['url', 'String'],
  ['page_key', 'String'],
  ['referrer', 'String'],
  ['channel', 'String'],
  ['device', 'String'],
  ['vw', 'UInt32'],
  ['vh', 'UInt32'],
  ['dw', 'UInt32'],
  ['dh', 'UInt32'],
  ['x', 'Int32'],
  ['y', 'Int32'],
  ['selector', 'String'],
  ['selector_hash', 'String'],
  ['ex', 'Float32'],
  ['ey', 'Float32'],
  ['ew', 'UInt32'],
  ['eh', 'UInt32'],
  ['fixed', 'UInt8'],
  ['rage', 'UInt8'],
  ['dead', 'UInt8'],
  ['href', 'String'],
  ['text', 'String'],
  ['client_x', 'Nullable(UInt32)'],
  ['client_y', 'Nullable(UInt32)'],
  ['scroll_top', 'Nullable(UInt32)'],
  ['tap_kind', 'String'],
  ['max_depth', 'UInt32'],
  ['attention', 'Array(Float32)'],
  ['funnel', 'String'],
  ['step', 'String'],
  ['name', 'String'],
  ['props', 'String'],
  ['browser', 'String'],
  ['os', 'String'],
  ['ua_device', 'String'],
  ['bot', 'UInt8'],
  ['ip', 'String'],
];

const COLUMNS = EVENT_COLUMNS.map(([name]) => name).join(', ');
// As an SQL string literal (the types hold quotes).
const STRUCTURE = EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`)
  .join(', ')
  .replaceAll("'", "\\'");

// The same, as a table's column list.
const TABLE_COLUMNS = EVENT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');

// Settings of every events insert: the token makes a replay a no-op, also in the views.
const dedupSettings = (token: string) =>
  ({
    insert_deduplication_token: token,
    insert_deduplicate: 1,
    deduplicate_blocks_in_dependent_materialized_views: 1,
  }) as const;

/**
 * The embedded engine's connection applies settings as session `SET`s, so a token would
 * stay on for every later statement of the process, and a later insert into `events`
 * without its own token would be dropped as a repeat. Each insert here clears it after.
 */
async function forgetToken(store: Store): Promise<void> {
  if (store.engine !== 'embedded') return;
  await store.client.command({ query: 'SELECT 1', clickhouse_settings: { insert_deduplication_token: '' } });
}

/** How a segment insert skips ids the store already has (see ARCHITECTURE.md, "Exactly once"). */
export type IdCheck = 'staged' | 'none';

/** `SELECT` of the new rows of `source`: first of each id, none the store already has. */
const newRows = (store: Store, source: string) => `SELECT ${COLUMNS} FROM ${source}
  WHERE (site, id) NOT IN (SELECT site, id FROM ${store.table('event_ids')} WHERE (site, id) GLOBAL IN (SELECT site, id FROM ${source}))
  LIMIT 1 BY site, id`;

/** The staging table of the segment insert under `token`: a name of its own per segment. */
const stagingOf = (store: Store, token: string) =>
  store.table(`spool_staging_${createHash('sha256').update(token).digest('hex').slice(0, 24)}`);

/**
 * Inserts the NDJSON segment `file` under the deduplication token `token`, skipping ids the
 * store has. The segment is parsed once, into a Memory table of its own; the same two
 * statements then move its new rows into `events` on both engines. Loading differs only
 * in where the bytes come from: the embedded engine reads the file itself, a ClickHouse
 * server gets them as the body of the insert. `idCheck: 'none'` skips the id check, for
 * the benchmark that measures what it costs (embedded engine only).
 */
export async function insertSegment(
  store: Store,
  file: string,
  token: string,
  {
    idCheck = 'staged',
    load = store.engine === 'embedded' ? 'file' : 'body',
  }: {
    idCheck?: IdCheck;
    /** How the segment reaches the engine: it reads the file itself, or gets its bytes as the insert's body. */
    load?: 'file' | 'body';
  } = {},
): Promise<void> {
  if (idCheck === 'staged') return insertStaged(store, file, token, load);
  if (store.engine !== 'embedded') throw new Error(`id check "${idCheck}" needs the embedded engine`);
  const source = `file({file:String}, 'JSONEachRow', '${STRUCTURE}')`;
  try {
    await store.client.command({
      query: `INSERT INTO ${store.table('events')} (${COLUMNS}) SELECT ${COLUMNS} FROM ${source}`,
      query_params: { file },
      clickhouse_settings: dedupSettings(token),
    });
  } finally {
    await forgetToken(store);
  }
}

/**
 * Runs `exec` and reads its answer to the end. The client keeps the request's socket until
 * the answer is consumed: an unread answer holds one of its 10 sockets for good, and once
 * they are all held every query of the process (flush, site lookups, the API) waits.
 */
export async function execToEnd(
  client: Pick<ClickHouseClient, 'exec'>,
  params: Parameters<ClickHouseClient['exec']>[0],
): Promise<void> {
  const { stream } = await client.exec(params);
  stream.resume();
  await finished(stream);
}

async function insertStaged(store: Store, file: string, token: string, load: 'file' | 'body'): Promise<void> {
  const staging = stagingOf(store, token);
  const step = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      throw explained(store, name, error);
    }
  };
  const command = (query: string) => () => store.client.command({ query });
  // A crash can leave the table of an earlier attempt, with some of the rows: start clean.
  await step(`dropping the staging table ${staging}`, command(`DROP TABLE IF EXISTS ${staging}`));
  await step(
    `creating the staging table ${staging}`,
    command(`CREATE TABLE ${staging} (${TABLE_COLUMNS}) ENGINE = Memory`),
  );
  try {
    try {
      if (load === 'file') {
        await store.client.command({
          query: `INSERT INTO ${staging} SELECT * FROM file({file:String}, 'JSONEachRow', '${STRUCTURE}')`,
          query_params: { file },
        });
      } else {
        await execToEnd(store.client, {
          query: `INSERT INTO ${staging} FORMAT JSONEachRow`,
          values: createReadStream(file),
        });
      }
    } catch (error) {
      if (isDataErrorType(error)) {
        throw new SegmentDataError(`spool segment ${file} does not parse as events rows: ${String(error)}`, {
          cause: error,
        });
      }
      throw explained(store, `loading the segment into ${staging}`, error);
    }
    try {
      await step(`moving the segment's new rows from ${staging} into events`, () =>
        store.client.command({
          query: `INSERT INTO ${store.table('events')} (${COLUMNS}) ${newRows(store, staging)}`,
          clickhouse_settings: dedupSettings(token),
        }),
      );
    } finally {
      await forgetToken(store);
    }
  } finally {
    await step(`dropping the staging table ${staging}`, command(`DROP TABLE IF EXISTS ${staging}`));
  }
}

/** Writes `rows` into the events table in one insert; resolves once the engine has them. */
export async function writeEvents(store: Store, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const token = createHash('sha256');
  for (const row of rows) token.update(row.id);
  try {
    await store.client.insert({
      table: store.table('events'),
      values: rows,
      format: 'JSONEachRow',
      clickhouse_settings: dedupSettings(token.digest('hex')),
    });
  } finally {
    await forgetToken(store);
  }
}
