/**
 * Sends batches: splits them into bodies under the beacon limit and posts each through the
 * platform to `endpoint + BATCH_PATH`.
 */
import { BATCH_PATH, type WireEvent } from '../protocol';
import type { Guard } from './guard';
import type { Platform } from './platform';
import { splitBodies } from './split-bodies';

export interface TransportOptions {
  platform: Platform;
  endpoint: string;
  site: string;
  guard: Guard;
  debug: boolean;
}

/** A transport bound to one endpoint and site. */
export function createTransport({ platform, endpoint, site, guard, debug }: TransportOptions) {
  const url = endpoint + BATCH_PATH;
  return {
    /** Posts `events`; `final` when the page is going away (beacon). */
    send(events: readonly WireEvent[], final: boolean): void {
      for (const body of splitBodies(site, events)) {
        platform.send(url, body, final).then(({ status }) => {
          if (debug && (status < 200 || status > 299)) {
            console.warn(
              `[heatfunnel] ${url} answered ${status || 'nothing'}; check the endpoint and site key`,
            );
          }
        }, guard.report);
      }
    },
  };
}
