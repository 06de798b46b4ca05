/**
 * The core client: makes events from what the platform's capturers report, stamps them
 * with ids, session and page, batches them and sends them. Knows no browser API.
 */
import { type BaseEvent, LIMITS, type WireEvent } from '../protocol';
import { createBatcher } from './batcher';
import { createGuard, type Guard } from './guard';
import { createIdentity } from './identity';
import type { InitOptions } from './options';
import { resolveOptions } from './options';
import { cleanUrl, hostOf, pageKeyOf, queryParam, splitUrl } from './page-key';
import type { Platform } from './platform';
import { createTransport } from './transport';
import { uuidv7Factory } from './uuid';

/** Fields of an event of type `T` that its capturer supplies (the rest the client adds). */
export type EventFields<T extends WireEvent['t']> = Omit<Extract<WireEvent, { t: T }>, keyof BaseEvent>;

/** Event properties as the protocol allows them. */
export type Props = Record<string, string | number | boolean>;

/** The client `init` returns. */
export interface Client {
  /** Records a page view of the current page; `referrer` defaults to the platform's. */
  pageview(referrer?: string): void;
  /** Records an event of type `t` with the given type-specific fields. */
  capture<T extends WireEvent['t']>(t: T, fields: EventFields<T>): void;
  /** Records a custom event. */
  track(name: string, props?: Props): void;
  /** Records reaching step `step` of funnel `funnel`. */
  step(funnel: string, step: string, props?: Props): void;
  /** Links this visitor to `userId` from now on. */
  identify(userId: string): void;
  /** Forgets the user and the anonymous id (logout on a shared device). */
  reset(): void;
  /** Sends what waits now; `final` uses a transport that survives the page. */
  flush(final?: boolean): void;
  /** Number of internal errors swallowed so far. */
  failures(): number;
  /** `fn` made safe for the host page: errors are swallowed and counted. */
  wrap: Guard['wrap'];
}

/** Creates the core client on `platform`; `fallbackEndpoint` is used when options name none. */
export function createClient(platform: Platform, init: InitOptions, fallbackEndpoint: string): Client {
  const options = resolveOptions(init, fallbackEndpoint);
  const { debug } = options;
  const guard = createGuard(debug);
  const newId = uuidv7Factory();
  const identity = createIdentity(platform.storage, () => newId(platform.now()));
  const transport = createTransport({
    platform,
    endpoint: options.endpoint,
    site: options.site,
    guard,
    debug,
  });
  const batcher = createBatcher<WireEvent>({
    size: options.batchSize,
    interval: options.flushInterval,
    setTimer: (fn, ms) => platform.setTimer(guard.wrap(fn), ms),
    clearTimer: platform.clearTimer,
    deliver: (events, final) => transport.send(events, final),
  });

  const record = (t: WireEvent['t'], fields: object, channel?: { value?: string; campaign: boolean }) => {
    const now = platform.now();
    const page = platform.page();
    const session = identity.session(now, channel);
    const event = {
      id: newId(now),
      t,
      ts: now,
      a: identity.anon(),
      u: identity.user(),
      s: session.i,
      p: platform.name,
      url: cleanUrl(page.url, options.keepParams).slice(0, LIMITS.maxUrlLength),
      pk: (options.pageKey?.(page.url) || pageKeyOf(page.url)).slice(0, LIMITS.maxKeyLength),
      ch: session.c?.slice(0, LIMITS.maxNameLength),
      vw: Math.round(page.vw),
      vh: Math.round(page.vh),
      dw: Math.round(page.dw),
      dh: Math.round(page.dh),
      ...fields,
    } as WireEvent;
    if (debug) console.log('[heatfunnel]', event);
    batcher.add(event);
  };

  const client: Client = {
    pageview(referrer) {
      const page = platform.page();
      const ref = cleanUrl(referrer ?? page.referrer, options.keepParams).slice(0, LIMITS.maxUrlLength);
      const utm = queryParam(splitUrl(page.url).query, 'utm_source');
      const refHost = hostOf(ref);
      const external = refHost && refHost !== hostOf(page.url) ? refHost : undefined;
      record('pageview', { r: ref || undefined }, { value: utm ?? external, campaign: utm !== undefined });
    },
    capture: (t, fields) => record(t, fields),
    track: (name, props) => record('custom', { n: name, pr: props }),
    step: (funnel, step, props) => record('step', { f: funnel, st: step, pr: props }),
    identify(userId) {
      identity.setUser(String(userId));
      record('identify', { u: String(userId) });
    },
    reset() {
      batcher.flush();
      identity.reset();
    },
    flush: (final = false) => batcher.flush(final),
    failures: guard.failures,
    wrap: guard.wrap,
  };
  for (const name of Object.keys(client) as (keyof Client)[]) {
    if (name === 'wrap') continue;
    (client as unknown as Record<string, unknown>)[name] = guard.wrap(
      client[name] as (...a: unknown[]) => unknown,
    );
  }
  platform.onHide(() => client.flush(true));
  return client;
}
