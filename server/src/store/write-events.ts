/**
 * Inserts event rows. The deduplication token makes a retried insert of the same rows a
 * no-op in the engine, so a batch the client sends twice is stored once.
 */
import { createHash } from 'node:crypto';
import type { EventRow } from '../ingest/event-row.js';
import type { Store } from './store.js';

/** Writes `rows` into the events table in one insert; resolves once the engine has them. */
export async function writeEvents(store: Store, rows: EventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const token = createHash('sha256');
  for (const row of rows) token.update(row.id);
  await store.client.insert({
    table: store.table('events'),
    values: rows,
    format: 'JSONEachRow',
    clickhouse_settings: { insert_deduplication_token: token.digest('hex') },
  });
}
