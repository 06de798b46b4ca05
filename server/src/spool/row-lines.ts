/**
 * How accepted rows are written to the spool: NDJSON, one `events` row per line, in the
 * form the engine inserts without re-encoding (JSONEachRow).
 */
import type { EventRow } from '../ingest/event-row.js';

/** Accepted rows of one request, as the spool stores them: NDJSON lines and how many. */
export interface RowBatch {
  /** One `events` row per line (see `rowLine` in `ingest/event-row.ts`), each ending in a newline. */
  lines: string;
  count: number;
}

/** The rows of `batch` as objects (for the direct sink and tools; the spool keeps the text). */
export function rowsOf(batch: RowBatch): EventRow[] {
  const rows: EventRow[] = [];
  for (const line of batch.lines.split('\n')) if (line) rows.push(JSON.parse(line) as EventRow);
  return rows;
}

/** `rows` as NDJSON lines, each ending in a newline (tools and benchmarks; the route builds lines directly). */
export function rowLines(rows: readonly EventRow[]): string {
  let text = '';
  for (const row of rows) text += `${JSON.stringify(row)}\n`;
  return text;
}
