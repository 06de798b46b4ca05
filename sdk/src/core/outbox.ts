/**
 * The send queue: events wait here, persisted in the platform's storage, until the server
 * took them. One request at a time; failures retry with exponential backoff and jitter (or
 * the server's Retry-After), nothing is tried while offline, and the queue is bounded
 * (oldest dropped first, counted). Events carry UUIDv7 ids, so a batch sent twice (retry,
 * reload, two tabs) is stored once by the server.
 */
import { BATCH_PATH, LIMITS, type WireEvent } from '../protocol';
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
    const oldest = platform.now() - LIMITS.maxPastSkewMs + 3_600_000;
    queue = (JSON.parse(storage.get(KEY) ?? '[]') as WireEvent[]).filter((e) => e.ts > oldest);
  } catch {
    // A damaged queue is dropped: it cannot be sent anyway.
  }
  /** Events at the head of the queue in the request under way. */
  let sending = 0;
  let attempt = 0;
  let timer: unknown;

  const save = () => (queue.length ? storage.set(KEY, JSON.stringify(queue)) : storage.remove(KEY));
  const pump = (): void => {
    if (sending || timer !== undefined || !queue.length || platform.online?.() === false) return;
    const { body, count } = splitBodies(site, queue)[0] ?? { body: '', count: 0 };
    sending = count;
    platform.send(url, body, false).then((result) => {
      sending = 0;
      if ((result.status >= 200 && result.status < 300) || hopeless(result.status)) {
        if (debug && result.status > 299)
          console.warn(`[heatfunnel] ${url} refused a batch: ${result.status}`);
        queue.splice(0, count);
        attempt = 0;
        save();
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
      const over = queue.length - Math.max(max, sending);
      if (over > 0) {
        queue.splice(sending, over);
        const dropped = Number(storage.get(DROPPED_KEY) ?? 0) + over;
        storage.set(DROPPED_KEY, String(dropped));
        if (debug) console.warn(`[heatfunnel] send queue full: ${dropped} oldest events dropped so far`);
      }
      save();
    },
    pump,
    /**
     * The page is going away: beacons everything not already in a request. What the browser
     * refuses, or sends while the server was failing, stays persisted for the next page load.
     */
    final(): void {
      // Offline, a beacon is queued by the browser and then lost: keep the events for later.
      if (platform.online?.() === false) return;
      let from = sending;
      for (const { body, count } of splitBodies(site, queue.slice(sending))) {
        const events = queue.slice(from, from + count);
        from += count;
        platform.send(url, body, true).then(({ status }) => {
          // A beacon's answer is unknown: after failures the server may be down, so the
          // events stay for the next page load too (the server drops the duplicates).
          if (status >= 200 && status < 300 && !attempt) {
            const sent = new Set(events.map((e) => e.id));
            queue = queue.filter((e) => !sent.has(e.id));
            save();
          }
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
      queue.splice(sending);
      save();
    },
  };
}
