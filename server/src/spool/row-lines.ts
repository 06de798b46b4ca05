/**
 * How accepted rows are written to the spool: NDJSON, one `events` row per line, in the
 * form the engine inserts without re-encoding (JSONEachRow).
 */
import type { EventRow } from '../ingest/event-row.js';

/** `rows` as NDJSON lines, each ending in a newline. */
export function rowLines(rows: readonly EventRow[]): string {
  let text = '';
  for (const row of rows) text += `${JSON.stringify(row)}\n`;
  return text;
}
