/**
 * Puts snapshot rows into a data directory before the server starts on it (the embedded
 * engine takes one process per directory), for the backdrop tests: run in a child process
 * by `storeSnapshotRows()` (snapshot-rows.ts). Arguments: the data directory and a JSON
 * file of rows.
 */
import { readFileSync } from 'node:fs';
import { migrate, openStore } from '@heatfunnel/server';

const [dataDir, rowsFile] = process.argv.slice(-2);
if (!dataDir || !rowsFile) throw new Error('usage: snapshot-store.ts DATA_DIR ROWS.json');
const rows = JSON.parse(readFileSync(rowsFile, 'utf8')) as Record<string, unknown>[];
const store = await openStore({ dataDir, database: 'heatfunnel' });
await migrate(store);
await store.client.insert({
  table: store.table('snapshots'),
  values: rows,
  format: 'JSONEachRow',
  clickhouse_settings: { date_time_input_format: 'best_effort' },
});
await store.close();
