/**
 * When the server asks a page view for a snapshot: the site's sample rate allows it, no
 * snapshot of that page key and device class was received in the last `freshDays`, and no
 * other visitor was asked in the last `holdMs` (the first one's upload is on its way).
 * Answers are remembered for `cacheMs`, so page views do not each cost a query; a query the
 * caller's budget does not allow (a flood of unseen page keys) answers "no" and remembers nothing.
 */
import type { SnapshotKey, SnapshotStore } from './snapshot-store.js';

export interface SnapshotPolicyOptions {
  store: SnapshotStore;
  /** A snapshot younger than this many days is recent enough (0: always ask, one at a time). */
  freshDays?: number;
  /** After asking one visitor, the others of the same page and device wait this long, ms. */
  holdMs?: number;
  /** How long a known "received at" is trusted before asking the store again, ms. */
  cacheMs?: number;
  /** Most pages remembered; past it the least recently claimed or looked up are forgotten first. */
  maxEntries?: number;
  random?: () => number;
  now?: () => number;
}

export interface SnapshotPolicy {
  /**
   * True when a page view of `key` should send a snapshot, for a site sampling at `rate` (0..1).
   * `mayQuery` is asked before a store query; when it says no, the answer is false.
   */
  wants(key: SnapshotKey, rate: number, mayQuery?: () => boolean): Promise<boolean>;
  /** Records that a snapshot of `key` was just stored. */
  stored(key: SnapshotKey): void;
}

const DAY_MS = 86_400_000;

/** The policy over `store`, with its own memory (per ingest replica). */
export const snapshotPolicy = ({
  store,
  freshDays = 7,
  holdMs = 60_000,
  cacheMs = 60_000,
  maxEntries = 10_000,
  random = Math.random,
  now = Date.now,
}: SnapshotPolicyOptions): SnapshotPolicy => {
  const asked = new Map<string, number>();
  const received = new Map<string, { at: number | undefined; checked: number }>();
  const id = ({ site, pageKey, device }: SnapshotKey) => `${site}\n${device}\n${pageKey}`;
  // Maps keep insertion order: deleting before setting makes `key` the newest, so the first
  // entries are the ones longest unused, whose hold and cache have mostly run out anyway.
  const remember = <V>(map: Map<string, V>, key: string, value: V) => {
    map.delete(key);
    map.set(key, value);
    for (const oldest of map.keys()) {
      if (map.size <= maxEntries) break;
      map.delete(oldest);
    }
  };
  return {
    async wants(key, rate, mayQuery = () => true) {
      if (!(rate > 0) || random() >= rate) return false;
      const k = id(key);
      const time = now();
      if (time - (asked.get(k) ?? -Infinity) < holdMs) return false;
      let known = received.get(k);
      const stale = !known || time - known.checked >= cacheMs;
      if (stale && !mayQuery()) return false;
      // Claimed before the lookup, so page views arriving meanwhile are not asked too.
      remember(asked, k, time);
      if (!known || stale) {
        known = { at: (await store.latest(key)).at, checked: time };
        remember(received, k, known);
      }
      if (known.at !== undefined && time - known.at < freshDays * DAY_MS) {
        asked.delete(k);
        return false;
      }
      return true;
    },
    stored(key) {
      const time = now();
      remember(received, id(key), { at: time, checked: time });
    },
  };
};
