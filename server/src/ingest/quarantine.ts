/**
 * Keeps what ingest refused, with its reason, in the `quarantine` table. Refused input is
 * buffered and written about once a second; the buffer is bounded, and what overflows is
 * counted (`heatfunnel_quarantine_dropped_total`) rather than held, so a flood of garbage
 * cannot exhaust memory. Quarantine is best effort: it is never acknowledged to anyone.
 */
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export interface QuarantineRow {
  received_at: number;
  site: string;
  reason: string;
  field: string;
  message: string;
  /** Index of the event in its batch, -1 for a whole body. */
  event_index: number;
  /** The refused event or body, cut to `MAX_PAYLOAD` characters. */
  payload: string;
}

export interface Quarantine {
  add(row: QuarantineRow): void;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** Rows dropped because the buffer was full. */
  dropped(): number;
  close(): Promise<void>;
}

export const MAX_PAYLOAD = 4_096;

/** A payload for the quarantine: JSON of `value`, cut short. */
export const payloadOf = (value: unknown): string => {
  if (typeof value === 'string') return value.slice(0, MAX_PAYLOAD);
  try {
    return (JSON.stringify(value) ?? '').slice(0, MAX_PAYLOAD);
  } catch {
    return '';
  }
};

/** A quarantine writing to `store` every `intervalMs`, holding at most `maxBytes` of payloads. */
export const quarantine = (
  store: Store,
  log: Logger,
  { intervalMs = 1_000, maxBytes = 4 << 20 }: { intervalMs?: number; maxBytes?: number } = {},
): Quarantine => {
  let buffer: QuarantineRow[] = [];
  let bufferBytes = 0;
  let droppedRows = 0;
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    writing = writing.then(async () => {
      if (buffer.length === 0) return;
      const rows = buffer;
      buffer = [];
      bufferBytes = 0;
      await store.client
        .insert({ table: store.table('quarantine'), values: rows, format: 'JSONEachRow' })
        .catch((error: unknown) => {
          droppedRows += rows.length;
          log.error('quarantine write failed', { error: String(error), rows: rows.length });
        });
    });
    return writing;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    add: (row) => {
      const bytes = 200 + row.payload.length + row.message.length;
      if (bufferBytes + bytes > maxBytes) droppedRows++;
      else {
        buffer.push(row);
        bufferBytes += bytes;
      }
    },
    flush,
    dropped: () => droppedRows,
    close: async () => {
      clearInterval(timer);
      await flush();
    },
  };
};
