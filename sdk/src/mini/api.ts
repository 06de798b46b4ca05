/**
 * One interface over the four mini-program runtimes (wx, my, tt, swan): storage, request,
 * app show/hide, enter options and window size. Their signatures differ (Alipay's
 * `setStorageSync({ key, data })`, `headers` and `status`); everything else sees `MiniApi`.
 */
import type { Platform as PlatformName } from '../protocol';

/** The global API object names, with the protocol platform each stands for. */
export const PLATFORM_OF = { wx: 'weapp', my: 'alipay', tt: 'douyin', swan: 'baidu' } as const;
/** Name of a runtime's global API object. */
export type ApiName = keyof typeof PLATFORM_OF;

/** What an app (re)entry carries: scene, query and where it came from. */
export interface EnterOptions {
  scene?: number | string;
  query?: Record<string, unknown>;
  path?: string;
}

/** What a request ended with: HTTP status (0 when the network failed) and its headers. */
export interface RequestResult {
  status: number;
  headers: Record<string, string>;
}

/** A runtime's API, normalised. */
export interface MiniApi {
  name: ApiName;
  platform: PlatformName;
  get(key: string): string | null;
  /** Throws when the runtime refuses (quota, per-key limit). */
  set(key: string, value: string): void;
  remove(key: string): void;
  post(url: string, body: string, done: (result: RequestResult) => void): void;
  onShow(fn: (options: EnterOptions) => void): void;
  onHide(fn: () => void): void;
  /** Calls `fn` with whether the device is connected, each time that changes. */
  onNetwork(fn: (connected: boolean) => void): void;
  enter(): EnterOptions | undefined;
  /** Window width and height, px. */
  size(): { w: number; h: number };
  /** The page's scroll height (selector query), when the runtime can tell. */
  pageHeight(done: (height: number) => void): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the runtimes' globals are untyped here
type Raw = Record<string, any>;

/** The normalised API over the runtime global `raw` named `name`. */
export function adapt(name: ApiName, raw: Raw): MiniApi {
  const alipay = name === 'my';
  const call = (fn: string, ...args: unknown[]) =>
    typeof raw[fn] === 'function' ? raw[fn](...args) : undefined;
  let size: { w: number; h: number } | undefined;
  return {
    name,
    platform: PLATFORM_OF[name],
    get(key) {
      try {
        const value = alipay ? raw.getStorageSync({ key })?.data : raw.getStorageSync(key);
        return typeof value === 'string' && value !== '' ? value : null;
      } catch {
        return null;
      }
    },
    set(key, data) {
      const answer = alipay ? raw.setStorageSync({ key, data }) : raw.setStorageSync(key, data);
      // Alipay reports a refused write in its answer rather than by throwing.
      if (answer && answer.success === false) throw new Error(answer.errorMessage || 'storage refused');
    },
    remove(key) {
      try {
        alipay ? raw.removeStorageSync({ key }) : raw.removeStorageSync(key);
      } catch {
        // Nothing stored is nothing to remove.
      }
    },
    post(url, data, done) {
      const headerKey = alipay ? 'headers' : 'header';
      raw.request({
        url,
        method: 'POST',
        data,
        [headerKey]: { 'content-type': 'text/plain' },
        dataType: 'text',
        timeout: 15000,
        success: (res: Raw) =>
          done({ status: res.statusCode || res.status || 0, headers: res[headerKey] || {} }),
        fail: (res: Raw) => done({ status: res?.status || 0, headers: {} }),
      });
    },
    onShow: (fn) => call('onAppShow', fn),
    onHide: (fn) => call('onAppHide', fn),
    onNetwork: (fn) => call('onNetworkStatusChange', (res: Raw) => fn(!!res?.isConnected)),
    enter() {
      try {
        return call('getEnterOptionsSync') || call('getLaunchOptionsSync');
      } catch {
        return undefined;
      }
    },
    size() {
      if (!size) {
        // getWindowInfo where it exists: getSystemInfoSync is slow and deprecated on WeChat.
        const info = call('getWindowInfo') || call('getSystemInfoSync') || {};
        size = { w: info.windowWidth || 375, h: info.windowHeight || 667 };
      }
      return size;
    },
    pageHeight(done) {
      const query = call('createSelectorQuery');
      query
        ?.selectViewport()
        .scrollOffset((res: Raw) => res?.scrollHeight > 0 && done(res.scrollHeight))
        .exec();
    },
  };
}

declare const wx: Raw, my: Raw, tt: Raw, swan: Raw;

/**
 * The runtime this code runs in, found by its global (read as free variables: some runtimes
 * have no `globalThis`); Alipay, Douyin and Baidu first, as some of them alias `wx`.
 */
export function detectApi(): MiniApi | undefined {
  const scope: Raw = {
    my: typeof my === 'object' && my,
    tt: typeof tt === 'object' && tt,
    swan: typeof swan === 'object' && swan,
    wx: typeof wx === 'object' && wx,
  };
  for (const name of ['my', 'tt', 'swan', 'wx'] as const) {
    const raw = scope[name];
    if (raw && typeof raw.request === 'function' && typeof raw.getStorageSync === 'function')
      return adapt(name, raw);
  }
  return undefined;
}
