/**
 * Where the batch route puts accepted rows. The spooled sink (the server's) answers once
 * the rows are in the durable spool; the direct sink writes to the store before answering
 * (for tools and for tests that read right after a batch).
 */
import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { IngestMetrics } from '../ops/metrics.js';
import type { Store } from '../store/store.js';
import { insertSegment, writeEvents } from '../store/write-events.js';
import { type Flusher, startFlusher } from './flusher.js';
import { type RowBatch, rowsOf } from './row-lines.js';
import type { Segment } from './segment-files.js';
import { openSpool, type SpoolOptions, type SpoolStats } from './spool.js';

export interface SinkState {
  /** The spool's backlog; undefined for the direct sink. */
  spool?: SpoolStats;
  /** False while inserts into the store fail. */
  storeHealthy: boolean;
  lastError?: string;
}

export interface EventSink {
  /** Keeps `rows`; resolves once they are durable. Throws `SpoolFullError` past the cap. */
  write(rows: RowBatch): Promise<void>;
  /** Resolves once everything written before the call is in the store. */
  flush(timeoutMs?: number): Promise<void>;
  state(): SinkState;
  /** Drains and stops. */
  close(): Promise<void>;
}

/** A sink writing straight to the store. */
export const directSink = (store: Store): EventSink => ({
  write: (rows) => writeEvents(store, rowsOf(rows)),
  flush: async () => {},
  state: () => ({ storeHealthy: true }),
  close: async () => {},
});

export interface SpooledSinkOptions {
  store: Store;
  /** The spool's directory. */
  dir: string;
  log: Logger;
  metrics?: IngestMetrics;
  spool?: Omit<SpoolOptions, 'dir'>;
  /** Replaces the segment insert (tests inject store faults here). */
  insert?: (segment: Segment) => Promise<void>;
  /** Replaces the check that the store answers at all. */
  probe?: () => Promise<boolean>;
  retryMs?: [number, number];
}

/** The spool directory inside a data directory. */
export const spoolDirOf = (dataDir: string): string => join(dataDir, 'spool');

/** Opens the spool in `dir`, replays what a previous run left, and starts the flusher. */
export async function spooledSink({
  store,
  dir,
  log,
  metrics,
  spool: spoolOptions = {},
  insert = (segment) => insertSegment(store, segment.file, `spool:${segment.name}`),
  probe = async () => (await store.client.ping()).success,
  retryMs,
}: SpooledSinkOptions): Promise<EventSink> {
  const spool = await openSpool({ dir, ...spoolOptions });
  const left = spool.stats();
  if (left.segments > 0) log.info('replaying the spool', { ...left });
  const flusher: Flusher = startFlusher({
    spool,
    insert,
    log,
    retryMs,
    probe,
    onFlushed: (rows, ms) => metrics?.flushed(rows, ms),
  });
  return {
    write: async (rows) => {
      if (rows.count === 0) return;
      await spool.append(rows.lines, rows.count);
    },
    flush: (timeoutMs) => flusher.flush(timeoutMs),
    state: () => ({
      spool: spool.stats(),
      storeHealthy: flusher.healthy(),
      lastError: flusher.lastError(),
    }),
    close: () => flusher.close(),
  };
}
