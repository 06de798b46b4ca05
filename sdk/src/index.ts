/**
 * `@heatfunnel/sdk` for bundlers: `init({ site, endpoint })` starts capturing and returns
 * the client. The endpoint defaults to the page's origin.
 */
import type { Client } from './core/client';
import type { InitOptions } from './core/options';
import { startWeb } from './web/start';

export type { Client, EventFields } from './core/client';
export type { InitOptions } from './core/options';
export type { KeyValueStore, PageInfo, Platform, SendResult } from './core/platform';
export type { Props } from './core/props';
export type { Batch, WireEvent } from './protocol';

/** Starts the SDK for `options.site` and returns the client (track, step, identify, flush...). */
export function init(options: InitOptions): Client {
  return startWeb(options, location.origin);
}
