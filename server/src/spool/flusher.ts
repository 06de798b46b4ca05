/**
 * Moves sealed spool segments into the store, oldest first, one insert per segment, and
 * removes each once the store has it. When the store fails, the segment stays and the
 * flusher retries with backoff; the spool grows meanwhile (up to its cap). Only a segment
 * whose own bytes the store refuses is ever set aside; every other failure is retried.
 */
import type { Logger } from '../log.js';
import { isSegmentDataError } from '../store/segment-errors.js';
import type { Segment } from './segment-files.js';
import type { Spool } from './spool.js';

export interface FlusherOptions {
  spool: Spool;
  /** Inserts one segment; must be idempotent (a replay after a crash inserts it again). */
  insert: (segment: Segment) => Promise<void>;
  log: Logger;
  /** Called after each successful insert with its rows and duration (ms). */
  onFlushed?: (rows: number, ms: number) => void;
  /** First and largest wait between failed attempts, ms. */
  retryMs?: [number, number];
  /** True when the store answers at all; tells a bad segment from a store outage. */
  probe?: () => Promise<boolean>;
  /**
   * True when `error` blames the segment's own data. Only such a segment, failing this way
   * `setAsideAfter` times in a row while the store answers, is set aside; a missing grant or
   * table fails every segment alike, and setting them aside would drop acknowledged events.
   */
  segmentAtFault?: (error: unknown) => boolean;
  /** A segment that failed this many times in a row while the store answered is set aside. */
  setAsideAfter?: number;
}

export interface Flusher {
  /** Seals the open segment and resolves once everything spooled before the call is stored. */
  flush(timeoutMs?: number): Promise<void>;
  /** True unless the last insert failed. */
  healthy(): boolean;
  /** The last insert error, while unhealthy. */
  lastError(): string | undefined;
  /** Drains what is spooled (up to `timeoutMs`), then stops. */
  close(timeoutMs?: number): Promise<void>;
}

/** Starts flushing `spool` into the store through `insert`. */
export function startFlusher({
  spool,
  insert,
  log,
  onFlushed = () => {},
  retryMs = [100, 5_000],
  probe = async () => false,
  segmentAtFault = isSegmentDataError,
  setAsideAfter = 10,
}: FlusherOptions): Flusher {
  let stopped = false;
  let failure: string | undefined;
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  spool.onChange(nudge);
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  // A segment the store keeps refusing while it answers everything else would block the
  // spool for good (and then every batch with 503): it is moved aside, kept on disk, logged.
  const poisoned = async (attempts: number) =>
    attempts >= setAsideAfter && (await probe().catch(() => false));

  const loop = async () => {
    let backoff = retryMs[0];
    let attempts = 0;
    while (!stopped) {
      const segment = spool.sealed()[0];
      if (!segment) {
        await pause(60_000);
        continue;
      }
      const started = performance.now();
      try {
        await insert(segment);
      } catch (error) {
        // Logged when it changes, not at every retry: the first line says what is wrong.
        if (failure !== String(error)) log.error('flush failed; keeping the spool', { error: String(error) });
        failure = String(error);
        attempts = segmentAtFault(error) ? attempts + 1 : 0;
        if (await poisoned(attempts)) {
          const file = await spool.setAside(segment);
          log.error('the store refuses this spool segment while it takes other queries; set aside', {
            file,
            rows: segment.rows,
            error: String(error),
          });
          attempts = 0;
          failure = undefined;
          continue;
        }
        await pause(backoff);
        backoff = Math.min(backoff * 2, retryMs[1]);
        continue;
      }
      if (failure !== undefined) log.info('store is back; draining the spool', { ...spool.stats() });
      failure = undefined;
      backoff = retryMs[0];
      attempts = 0;
      onFlushed(segment.rows, performance.now() - started);
      await spool.done(segment);
    }
  };
  const running = loop();

  const flush = async (timeoutMs = 30_000) => {
    await spool.seal();
    const target = spool.sealed().at(-1)?.seq;
    if (target === undefined) return;
    const deadline = Date.now() + timeoutMs;
    while ((spool.sealed()[0]?.seq ?? Number.POSITIVE_INFINITY) <= target) {
      if (Date.now() > deadline)
        throw new Error(`spool not flushed within ${timeoutMs} ms: ${failure ?? ''}`);
      nudge();
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    flush,
    healthy: () => failure === undefined,
    lastError: () => failure,
    close: async (timeoutMs = 10_000) => {
      await flush(timeoutMs).catch((error: unknown) =>
        log.error('stopping with events left in the spool; they are sent at the next start', {
          error: String(error),
          ...spool.stats(),
        }),
      );
      await spool.close();
      stopped = true;
      nudge();
      await running;
    },
  };
}
