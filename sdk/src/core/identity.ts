/**
 * Who and when: the anonymous id (kept forever), the user id (after identify) and the
 * session (ends after 30 minutes without events), all in the platform's storage so they
 * hold across reloads and tabs.
 */
import type { KeyValueStore } from './platform';

/** Longest the in-memory session goes without being written back, ms. */
const SYNC_MS = 5000;

/** A session ends after this long without events, ms. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

const KEY = { anon: 'hf_a', user: 'hf_u', session: 'hf_s' } as const;

interface SessionRecord {
  /** Session id. */
  i: string;
  /** Time of the last event, ms. */
  t: number;
  /** Channel of the session's first page view. */
  c?: string;
}

/** Identity state backed by `storage`; `newId` makes ids (UUIDv7). */
export function createIdentity(storage: KeyValueStore, newId: () => string) {
  const readSession = (): SessionRecord | undefined => {
    try {
      const value = JSON.parse(storage.get(KEY.session) ?? 'null') as SessionRecord | null;
      return value?.i && value.t > 0 ? value : undefined;
    } catch {
      return undefined;
    }
  };
  // Cached in memory: a click must stay cheap. The session goes back to storage when it
  // starts or resumes, at page views, and when an event is queued (`sync`), at most every
  // SYNC_MS (other tabs only need to see it is alive): never on a click's path.
  let anon: string | null = null;
  let user: string | null | undefined;
  let cached: SessionRecord | undefined;
  let written = 0;
  return {
    /** The anonymous id, made on first use. */
    anon(): string {
      anon ??= storage.get(KEY.anon);
      if (!anon) {
        anon = newId();
        storage.set(KEY.anon, anon);
      }
      return anon;
    },
    user(): string | undefined {
      if (user === undefined) user = storage.get(KEY.user);
      return user ?? undefined;
    },
    setUser(id: string): void {
      user = id;
      storage.set(KEY.user, id);
    },
    /**
     * The session at `now`, extended to `now`; a new one when the last ended. `channel` (from a
     * page view) sets the channel of a new session, or replaces it when a campaign is named.
     * With `sync`, it is also written back (merged with what other tabs stored) if SYNC_MS passed.
     */
    session(now: number, channel?: { value?: string; campaign: boolean }, sync?: boolean): SessionRecord {
      let record = cached;
      if (channel || !record || now - record.t > SESSION_IDLE_MS || (sync && now - written > SYNC_MS)) {
        record = readSession();
        if (!record || now - record.t > SESSION_IDLE_MS) record = { i: newId(), t: now, c: channel?.value };
        else if (channel?.campaign) record.c = channel.value;
        record.t = Math.max(record.t, now);
        storage.set(KEY.session, JSON.stringify(record));
        written = now;
      }
      record.t = Math.max(record.t, now);
      cached = record;
      return record;
    },
    /** Forgets the user, the anonymous id and the session (a shared device changed hands). */
    reset(): void {
      anon = null;
      user = cached = undefined;
      for (const key of Object.values(KEY)) storage.remove(key);
    },
  };
}

/** The identity state's interface. */
export type Identity = ReturnType<typeof createIdentity>;
