/**
 * The mini-program's side of the Platform seam: storage and requests through the runtime's
 * API, timers, app hide, network status, and the page the tracker last showed.
 */
import type { Platform } from '../core/platform';
import { utf8Length } from '../core/split-bodies';
import type { MiniApi } from './api';

/** Bytes one stored value may take: half of Alipay's 200 KB per key (WeChat and Douyin allow 1 MB). */
export const STORE_MAX_BYTES = 100_000;
/** Requests in flight at most: a mini-program has ten for everything, the shop's own included. */
export const MAX_IN_FLIGHT = 2;

/** The page as the tracker last saw it; the platform reports it to the core. */
export interface View {
  /** `/route?query` of the page shown. */
  url: string;
  /** The previous page, or `scene://<api>_<scene>` for the first page after the app (re)entered. */
  referrer: string;
  /** Page height from a selector query (scroll opt-in pages), else 0. */
  height: number;
}

/**
 * `value` made to fit `STORE_MAX_BYTES`: a JSON array (the persisted send queue) keeps its
 * newest items; anything else too large is refused.
 */
export function fitStored(value: string): string | undefined {
  let bytes = utf8Length(value);
  if (bytes <= STORE_MAX_BYTES) return value;
  if (value[0] !== '[') return undefined;
  const items: string[] = (JSON.parse(value) as unknown[]).map((item) => JSON.stringify(item));
  while (items.length && bytes > STORE_MAX_BYTES) bytes -= utf8Length(items.shift() as string) + 1;
  return `[${items.join(',')}]`;
}

/** Retry-After (seconds or an HTTP date) from response headers, in ms. */
function retryAfter(headers: Record<string, string>): number | undefined {
  for (const name in headers) {
    if (name.toLowerCase() !== 'retry-after') continue;
    const value = headers[name] as string;
    const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
    return ms >= 0 ? ms : undefined;
  }
  return undefined;
}

/** The Platform over `api`, reporting the page in `view`. */
export function createMiniPlatform(api: MiniApi, view: View): Platform {
  let flying = 0;
  const waiting: (() => void)[] = [];
  let online = true;
  const onlineFns: (() => void)[] = [];
  api.onNetwork((connected) => {
    online = connected;
    if (connected) for (const fn of onlineFns) fn();
  });
  return {
    name: api.platform,
    storage: {
      get: api.get,
      set(key, value) {
        const fitted = fitStored(value);
        try {
          if (fitted !== undefined) api.set(key, fitted);
        } catch {
          // Refused by the runtime (quota): the value still lives in the core's memory.
        }
      },
      remove: api.remove,
    },
    send(url, body) {
      return new Promise((resolve) => {
        const go = () => {
          flying++;
          api.post(url, body, ({ status, headers }) => {
            flying--;
            resolve({ status, retryAfterMs: retryAfter(headers) });
            waiting.shift()?.();
          });
        };
        if (flying < MAX_IN_FLIGHT) go();
        else waiting.push(go);
      });
    },
    now: Date.now,
    // Most mini-program runtimes have no crypto global (wx.getRandomValues is asynchronous).
    random16: () => {
      const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
      if (cryptoApi?.getRandomValues) return cryptoApi.getRandomValues(new Uint16Array(5));
      return Array.from({ length: 5 }, () => Math.floor(Math.random() * 0x10000));
    },
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onHide: api.onHide,
    online: () => online,
    onOnline: (fn) => onlineFns.push(fn),
    page() {
      const { w, h } = api.size();
      const dh = Math.round(Math.max(h, view.height));
      return { url: view.url, referrer: view.referrer, vw: w, vh: h, dw: w, dh };
    },
  };
}
