/**
 * The seam between the platform-agnostic core and the place it runs (browser, mini-program).
 * The core reaches storage, the network, time and the page only through this interface.
 */
import type { Platform as PlatformName } from '../protocol';

/** Key-value storage that survives reloads (localStorage, wx.setStorageSync...). Never throws. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** What a send ended with: the HTTP status (0 when the network failed) and Retry-After in ms. */
export interface SendResult {
  status: number;
  retryAfterMs?: number;
}

/** The page as the core sees it when an event is made. */
export interface PageInfo {
  /** Full URL (web) or page path with query (mini-program). */
  url: string;
  referrer: string;
  /** Viewport and document sizes, whole CSS px. */
  vw: number;
  vh: number;
  dw: number;
  dh: number;
}

/** Timer handle as the platform returns it. */
export type TimerHandle = unknown;

/** Everything the core needs from the place it runs. */
export interface Platform {
  /** Protocol name of the platform, sent as `p`. */
  name: PlatformName;
  storage: KeyValueStore;
  /**
   * Posts `body` to `url`. `final` is set when the page is going away: the platform must
   * use a transport that outlives the page (sendBeacon) and may answer before delivery.
   */
  send(url: string, body: string, final: boolean): Promise<SendResult>;
  now(): number;
  /** Five random integers below 2^16, from crypto where the platform has it: ids are made of them. */
  random16(): ArrayLike<number>;
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /** Calls `fn` whenever the page may be going away (hidden, unloading, app to background). */
  onHide(fn: () => void): void;
  /** The current page: URL, referrer and sizes. */
  page(): PageInfo;
  /** False while the device is known to be offline. */
  online?(): boolean;
  /** Calls `fn` when the device comes back online. */
  onOnline?(fn: () => void): void;
  /** True when the user asked not to be tracked (Do-Not-Track, Global Privacy Control). */
  privacySignal?(): boolean;
}
