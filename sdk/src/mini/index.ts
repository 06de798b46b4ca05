/**
 * `@heatfunnel/sdk/mini`: the mini-program build (WeChat, Alipay, Douyin, Baidu; Taro 3 and
 * uni-app). Importing it at the top of `app.js` wraps `Page`, `Component` and `Behavior`;
 * `init({ site, endpoint })` then starts capturing and returns the client.
 */
import { type Client, createClient } from '../core/client';
import type { InitOptions } from '../core/options';
import { detectApi, type MiniApi } from './api';
import type { TaroDocument } from './frameworks';
import { createMiniPlatform, type View } from './mini-platform';
import { createTracker } from './track';
import { setTracker, wrapConstructors } from './wrap';

export type { Client } from '../core/client';
export type { Props } from '../core/props';
export type { ApiName, MiniApi } from './api';
export type { TaroDocument } from './frameworks';

/** Options of the mini-program `init`. */
export interface MiniOptions extends InitOptions {
  /** Origin of the Heatfunnel server (required: a mini-program has no origin of its own). */
  endpoint: string;
  /** Taro 3's runtime document (`import { document } from '@tarojs/runtime'`), to name Taro's handlers. */
  taro?: TaroDocument;
  /** The runtime API to use instead of the detected global (`wx`, `my`, `tt`, `swan`). */
  api?: MiniApi;
}

// biome-ignore lint/suspicious/noExplicitAny: the runtimes' constructors are untyped
type Fn = any;
declare let Page: Fn, Component: Fn, Behavior: Fn;

/** The runtime's constructors, read and written as free variables (some runtimes lack globalThis). */
const constructors = {
  get Page() {
    return typeof Page === 'function' ? Page : undefined;
  },
  set Page(fn: Fn) {
    Page = fn;
  },
  get Component() {
    return typeof Component === 'function' ? Component : undefined;
  },
  set Component(fn: Fn) {
    Component = fn;
  },
  get Behavior() {
    return typeof Behavior === 'function' ? Behavior : undefined;
  },
  set Behavior(fn: Fn) {
    Behavior = fn;
  },
};

wrapConstructors(constructors);

let running: Client | undefined;

/** Starts capturing for `options.site`; a second call returns the running client. */
export function init(options: MiniOptions): Client {
  if (running) return running;
  const api = options?.api || detectApi();
  if (!api || !options?.site || !options.endpoint) {
    console.error(
      '[heatfunnel] init({ site, endpoint }) needs both, in a wx, my, tt or swan runtime. Nothing is captured.',
    );
    return { pageview() {}, track() {}, step() {}, identify() {}, reset() {}, consent() {}, flush() {} };
  }
  // Wraps here too, for runtimes whose constructors appear only after this module ran.
  wrapConstructors(constructors);
  const view: View = { url: '', referrer: '', height: 0 };
  // 150 events of ~0.5 KB stay well inside the per-key storage bound (STORE_MAX_BYTES).
  const client = createClient(createMiniPlatform(api, view), { maxQueue: 150, ...options }, '');
  setTracker(createTracker(client, api, view, options.taro));
  const { track, step, identify, reset, consent, flush } = client;
  running = { pageview: () => client.pageview(), track, step, identify, reset, consent, flush };
  return running;
}
