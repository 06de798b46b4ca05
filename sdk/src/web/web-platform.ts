/**
 * The browser's side of the Platform seam: localStorage (memory when blocked), fetch with
 * keepalive, sendBeacon when the page goes away, and pagehide/visibilitychange.
 */
import type { KeyValueStore, Platform, SendResult } from '../core/platform';

/** localStorage, or a Map when storage is blocked (Safari private mode, sandboxed frames). */
function webStorage(): KeyValueStore {
  const memory = new Map<string, string>();
  const store = (): Storage | undefined => {
    try {
      return window.localStorage;
    } catch {
      return undefined;
    }
  };
  return {
    get(key) {
      try {
        return store()?.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        store()?.setItem(key, value);
      } catch {
        // Quota or blocked: the in-memory copy still serves this page.
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        store()?.removeItem(key);
      } catch {
        // Blocked storage has nothing to remove.
      }
    },
  };
}

/** Retry-After (seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

async function post(url: string, body: string, final: boolean): Promise<SendResult> {
  // text/plain keeps the request "simple": no CORS preflight before every batch.
  if (final && navigator.sendBeacon?.(url, new Blob([body], { type: 'text/plain' }))) return { status: 202 };
  try {
    const response = await fetch(url, {
      method: 'POST',
      keepalive: true,
      body,
      headers: { 'Content-Type': 'text/plain' },
    });
    return {
      status: response.status,
      retryAfterMs: retryAfterMs(response.headers.get('Retry-After'), Date.now()),
    };
  } catch {
    return { status: 0 };
  }
}

/** The browser platform. */
export function createWebPlatform(): Platform {
  return {
    name: 'web',
    storage: webStorage(),
    send: post,
    now: () => Date.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onHide(fn) {
      addEventListener('pagehide', fn);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') fn();
      });
    },
    privacySignal: () =>
      navigator.doNotTrack === '1' ||
      (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true,
    page() {
      const root = document.documentElement;
      return {
        url: location.href,
        referrer: document.referrer,
        vw: innerWidth,
        vh: innerHeight,
        dw: root.scrollWidth,
        dh: Math.max(root.scrollHeight, document.body?.scrollHeight ?? 0),
      };
    },
  };
}
