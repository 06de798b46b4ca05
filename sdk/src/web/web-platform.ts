/**
 * The browser's side of the Platform seam: localStorage (memory when blocked), fetch with
 * keepalive, sendBeacon when the page goes away, and pagehide/visibilitychange.
 */
import type { KeyValueStore, Platform, SendResult } from '../core/platform';
import { GZIP_QUERY_FLAG } from '../protocol';

/** localStorage, or a Map when storage is blocked (Safari private mode, sandboxed frames) or full. */
function webStorage(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        localStorage.setItem(key, value);
      } catch {
        // Blocked or full: the in-memory copy still serves this page.
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        localStorage.removeItem(key);
      } catch {
        // Blocked storage has nothing to remove.
      }
    },
  };
}

/** Bodies at least this long are gzipped before a fetch, when the browser can. */
export const GZIP_MIN_BYTES = 1024;

async function post(url: string, body: string, final: boolean): Promise<SendResult> {
  // text/plain keeps the request "simple": no CORS preflight before every batch.
  try {
    if (final && navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) return { status: 202 };
  } catch {
    // No or broken sendBeacon: the keepalive fetch below does the same job.
  }
  try {
    let data: BodyInit = body;
    // Compression is asynchronous, so it cannot run for a page that is going away; a
    // Content-Encoding header would need a preflight, so the query flag says gzip.
    if (!final && body.length >= GZIP_MIN_BYTES && typeof CompressionStream === 'function') {
      data = await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).blob();
      url += `?${GZIP_QUERY_FLAG}=1`;
    }
    const response = await fetch(url, {
      method: 'POST',
      keepalive: true,
      body: data,
      headers: { 'Content-Type': 'text/plain' },
    });
    // Retry-After in seconds (what Heatfunnel's server sends); readable cross-origin only
    // when the server exposes it, else the SDK's own backoff applies.
    return {
      status: response.status,
      retryAfterMs: Number(response.headers.get('Retry-After')) * 1000 || undefined,
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
    now: Date.now,
    // One call for all five: getRandomValues is slow. Every browser has it, in any context.
    random16: () => crypto.getRandomValues(new Uint16Array(5)),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onHide(fn) {
      addEventListener('pagehide', fn);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') fn();
      });
    },
    online: () => navigator.onLine !== false,
    onOnline: (fn) => addEventListener('online', fn),
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
        dh: Math.max(root.scrollHeight, document.body.scrollHeight),
      };
    },
  };
}
