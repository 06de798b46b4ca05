/**
 * Who and when: the anonymous id (kept forever), the user id (after identify) and the
 * session (ends after 30 minutes without events), all in the platform's storage so they
 * hold across reloads and tabs.
 */
import type { KeyValueStore } from './platform';

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
      return value && typeof value.i === 'string' && typeof value.t === 'number' ? value : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    /** The anonymous id, made on first use. */
    anon(): string {
      const stored = storage.get(KEY.anon);
      if (stored) return stored;
      const id = newId();
      storage.set(KEY.anon, id);
      return id;
    },
    user: (): string | undefined => storage.get(KEY.user) ?? undefined,
    setUser(id: string): void {
      storage.set(KEY.user, id);
    },
    /**
     * The session at `now`, extended to `now`; a new one when the last ended. `channel` (from a
     * page view) sets the channel of a new session, or replaces it when a campaign is named.
     */
    session(now: number, channel?: { value?: string; campaign: boolean }): SessionRecord {
      let record = readSession();
      if (!record || now - record.t > SESSION_IDLE_MS) {
        record = { i: newId(), t: now, c: channel?.value };
      } else if (channel?.campaign) {
        record.c = channel.value;
      }
      record.t = Math.max(record.t, now);
      storage.set(KEY.session, JSON.stringify(record));
      return record;
    },
    /** Forgets the user, the anonymous id and the session (a shared device changed hands). */
    reset(): void {
      for (const key of Object.values(KEY)) storage.remove(key);
    },
  };
}

/** The identity state's interface. */
export type Identity = ReturnType<typeof createIdentity>;
