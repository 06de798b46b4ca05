/**
 * The send queue: events wait here, persisted in the platform's storage, until the server
 * took them. One request at a time; failures retry with exponential backoff and jitter (or
 * the server's Retry-After), nothing is tried while offline, and the queue is bounded
 * (oldest dropped first, counted). Events carry UUIDv7 ids, so a batch sent twice (retry,
 * reload, two tabs) is stored once by the server.
 */
import { BATCH_PATH, MAX_PAST_SKEW_MS, type WireEvent } from '../protocol';
import type { Guard } from './guard';
import type { Platform } from './platform';
import { splitBodies } from './split-bodies';

const KEY = 'hf_q';
const DROPPED_KEY = 'hf_qd';
/** First retry delay and the longest one, ms. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 5 * 60 * 1000;

/** Delay before retry number `attempt` (from 1): doubling, capped, with ±25% jitter. */
export const backoff = (attempt: number, random = Math.random) =>
  Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1)) * (0.75 + random() / 2);

/** True when retrying the same body cannot help (a 4xx other than timeout or rate limit). */
const hopeless = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export interface OutboxOptions {
  platform: Platform;
  endpoint: string;
  site: string;
  guard: Guard;
  /** Most events kept waiting. */
  max: number;
  debug: boolean;
}

/** The queue for one endpoint and site, reloaded from storage. */
export function createOutbox({ platform, endpoint, site, guard, max, debug }: OutboxOptions) {
  const { storage } = platform;
  const url = endpoint + BATCH_PATH;
  let queue: WireEvent[] = [];
  try {
    const oldest = platform.now() - MAX_PAST_SKEW_MS + 3_600_000;
    queue = (JSON.parse(storage.get(KEY) ?? '[]') as WireEvent[]).filter((e) => e.ts > oldest);
  } catch {
    // A damaged queue is dropped: it cannot be sent anyway.
  }
  /** A request is under way. */
  let sending = false;
  /** Ids handed to beacons whose outcome is not known yet: not sent again meanwhile. */
  const beaconed = new Set<string>();
  let attempt = 0;
  let timer: unknown;

  const save = () => (queue.length ? storage.set(KEY, JSON.stringify(queue)) : storage.remove(KEY));
  /** Forgets `events` (by id: a beacon may have taken some of them meanwhile). */
  const drop = (events: readonly WireEvent[]) => {
    const sent = new Set(events.map((e) => e.id));
    queue = queue.filter((e) => !sent.has(e.id));
    save();
  };
  const pump = (): void => {
    const ready = queue.filter((e) => !beaconed.has(e.id));
    if (sending || timer !== undefined || !ready.length || platform.online?.() === false) return;
    const { body, count } = splitBodies(site, ready)[0] ?? { body: '', count: 0 };
    const events = ready.slice(0, count);
    sending = true;
    platform.send(url, body, false).then((result) => {
      sending = false;
      if ((result.status >= 200 && result.status < 300) || hopeless(result.status)) {
        if (debug && result.status > 299) console.warn('[heatfunnel] batch refused', result.status);
        drop(events);
        attempt = 0;
        pump();
      } else {
        attempt++;
        timer = platform.setTimer(
          guard.wrap(() => {
            timer = undefined;
            pump();
          }),
          result.retryAfterMs ?? backoff(attempt),
        );
      }
    }, guard.report);
  };

  return {
    /** Adds events (dropping the oldest beyond `max`) and persists them; `pump` sends. */
    push(events: readonly WireEvent[]): void {
      queue.push(...events);
      const over = queue.length - max;
      if (over > 0) {
        queue.splice(0, over);
        storage.set(DROPPED_KEY, String(Number(storage.get(DROPPED_KEY) ?? 0) + over));
      }
      save();
    },
    pump,
    /**
     * The page is going away: beacons everything, the events of a request under way too (it
     * may not have left yet: gzip runs first; a duplicate is dropped by the server). What
     * the browser refuses, or sends while the server was failing, stays for the next load.
     */
    final(): void {
      // Offline, a beacon is queued by the browser and then lost: keep the events for later.
      if (platform.online?.() === false) return;
      let from = 0;
      for (const { body, count } of splitBodies(site, queue)) {
        const events = queue.slice(from, from + count);
        from += count;
        for (const e of events) beaconed.add(e.id);
        platform.send(url, body, true).then(({ status }) => {
          for (const e of events) beaconed.delete(e.id);
          // A beacon's answer is unknown: after failures the server may be down, so the
          // events stay for the next page load too (the server drops the duplicates).
          if (status >= 200 && status < 300 && !attempt) drop(events);
        }, guard.report);
      }
    },
    /** Sends now: after coming back online, or when asked. */
    retry(): void {
      if (timer !== undefined) platform.clearTimer(timer);
      timer = undefined;
      pump();
    },
    /** Drops everything waiting (consent withdrawn). */
    clear(): void {
      queue = [];
      save();
    },
  };
}
