/**
 * The core client: makes events from what the platform's capturers report, stamps them
 * with ids, session and page, batches them and sends them. Knows no browser API.
 */
import {
  type BaseEvent,
  MAX_ID_LENGTH,
  MAX_KEY_LENGTH,
  MAX_NAME_LENGTH,
  MAX_URL_LENGTH,
  type WireEvent,
} from '../protocol';
import { createBatcher } from './batcher';
import { createGuard, type Guard } from './guard';
import { createIdentity } from './identity';
import { type InitOptions, resolveOptions } from './options';
import { createOutbox } from './outbox';
import { cleanUrl, hostOf, pageKeyOf, queryParam, splitUrl } from './page-key';
import type { Platform } from './platform';
import { cleanProps, type Props } from './props';
import { uuidv7Factory } from './uuid';

/** Fields of an event of type `T` that its capturer supplies (the rest the client adds). */
export type EventFields<T extends WireEvent['t']> = Omit<Extract<WireEvent, { t: T }>, keyof BaseEvent>;

/** The client `init` returns: what a shop's own code calls. */
export interface Client {
  /** Records a page view of the current page (SPAs are tracked without it). */
  pageview(): void;
  /** Records a custom event. */
  track(name: string, props?: Props): void;
  /** Records reaching step `step` of funnel `funnel`. */
  step(funnel: string, step: string, props?: Props): void;
  /** Links this visitor to `userId` from now on. */
  identify(userId: string): void;
  /** Forgets the user and the anonymous id (logout on a shared device). */
  reset(): void;
  /** Grants (true) or withdraws (false) consent; remembered on this device. */
  consent(granted: boolean): void;
  /** Sends what waits now. */
  flush(): void;
}

/** The client as the platform's capturers see it. */
export interface CoreClient extends Client {
  /** Records a page view; `referrer` defaults to the platform's (SPAs pass the previous URL). */
  pageview(referrer?: string): void;
  /** Makes an event of type `t` for the current page at `ts` (default now), without queueing it (nor its id). */
  event<T extends WireEvent['t']>(t: T, fields: EventFields<T>, ts?: number): Extract<WireEvent, { t: T }>;
  /** Queues a made event for sending (dropped while consent is missing). */
  enqueue(event: WireEvent): void;
  /** `event` then `enqueue`. */
  capture<T extends WireEvent['t']>(t: T, fields: EventFields<T>): void;
  /** Runs `fn` when the page view ends: `routeChange` for SPA navigation, else the page is hidden. */
  onLeave(fn: (routeChange: boolean) => void): void;
  /** True while events may be collected (consent, Do-Not-Track). */
  enabled(): boolean;
  /** `fn` made safe for the host page: errors are swallowed and counted. */
  wrap: Guard['wrap'];
  /** Number of internal errors swallowed so far. */
  failures(): number;
}

const CONSENT_KEY = 'hf_c';

/** Creates the core client on `platform`; `fallbackEndpoint` is used when options name none. */
export function createClient(platform: Platform, init: InitOptions, fallbackEndpoint: string): CoreClient {
  const options = resolveOptions(init, fallbackEndpoint);
  const debug = !!options.debug;
  const { storage } = platform;
  const guard = createGuard(debug);
  const newId = uuidv7Factory(platform.random16);
  const identity = createIdentity(storage, () => newId(platform.now()));
  const outbox = createOutbox({
    platform,
    endpoint: options.endpoint,
    site: options.site,
    guard,
    max: options.maxQueue,
    debug,
  });
  const batcher = createBatcher<WireEvent>({
    size: options.batchSize,
    interval: options.flushInterval,
    setTimer: (fn, ms) => platform.setTimer(guard.wrap(fn), ms),
    clearTimer: platform.clearTimer,
    deliver: (events, final) => {
      outbox.push(events);
      if (!final) outbox.pump();
    },
  });
  const leaveHooks: ((routeChange: boolean) => void)[] = [];
  const leave = (routeChange: boolean) => {
    for (const fn of leaveHooks) guard.wrap(fn)(routeChange);
  };
  const choice = storage.get(CONSENT_KEY);
  let enabled =
    choice === '1' ||
    (choice !== '0' && !options.requireConsent && !(options.respectDnt && platform.privacySignal?.()));
  // The page view events belong to: set at each page view, so an event made while the URL
  // is already changing (SPA) still names the page it happened on.
  let pageUrl: string | undefined;

  const event = <T extends WireEvent['t']>(
    t: T,
    fields: EventFields<T>,
    ts = platform.now(),
    channel?: Channel,
  ) => {
    const page = platform.page();
    const url = pageUrl ?? page.url;
    const session = identity.session(ts, channel);
    // No id yet: `enqueue` adds it (getRandomValues is slow on a click's path).
    return {
      t,
      ts,
      a: identity.anon(),
      u: identity.user(),
      s: session.i,
      p: platform.name,
      url: cleanUrl(url, options.keepParams).slice(0, MAX_URL_LENGTH),
      pk: (options.pageKey?.(url) || pageKeyOf(url)).slice(0, MAX_KEY_LENGTH),
      ch: session.c?.slice(0, MAX_NAME_LENGTH),
      vw: page.vw,
      vh: page.vh,
      dw: page.dw,
      dh: page.dh,
      ...fields,
    } as unknown as Extract<WireEvent, { t: T }>;
  };
  const enqueue = (e: WireEvent) => {
    if (!enabled) return;
    e.id = newId(e.ts);
    identity.session(e.ts, undefined, true);
    if (debug) console.log('[heatfunnel]', e);
    batcher.add(e);
  };
  const capture = <T extends WireEvent['t']>(t: T, fields: EventFields<T>) => {
    if (enabled) enqueue(event(t, fields));
  };
  const name = (text: string) => String(text).slice(0, MAX_NAME_LENGTH);

  const client: CoreClient = {
    pageview(referrer) {
      if (pageUrl !== undefined) leave(true);
      const page = platform.page();
      const ref = cleanUrl(referrer ?? page.referrer, options.keepParams).slice(0, MAX_URL_LENGTH);
      pageUrl = page.url;
      if (!enabled) return;
      const utm = queryParam(splitUrl(page.url).query, 'utm_source');
      const refHost = hostOf(ref);
      const external = refHost && refHost !== hostOf(page.url) ? refHost : undefined;
      const channel = { value: utm ?? external, campaign: utm !== undefined };
      enqueue(event('pageview', { r: ref || undefined }, platform.now(), channel));
    },
    event,
    enqueue,
    capture,
    track: (n, props) => capture('custom', { n: name(n), pr: cleanProps(props) }),
    step: (f, st, props) => capture('step', { f: name(f), st: name(st), pr: cleanProps(props) }),
    identify(userId) {
      // Only real ids: String({}) would merge every visitor into one "[object Object]" user.
      if (!enabled || !userId || !/^(string|number)$/.test(typeof userId)) return;
      const u = String(userId).slice(0, MAX_ID_LENGTH);
      identity.setUser(u);
      capture('identify', { u });
    },
    reset() {
      batcher.flush();
      identity.reset();
    },
    consent(granted) {
      if (granted === enabled) return;
      // Ends the page view under the old choice: nothing gathered before consent is sent.
      leave(true);
      enabled = granted;
      pageUrl = undefined;
      storage.set(CONSENT_KEY, granted ? '1' : '0');
      if (granted) client.pageview();
      else {
        batcher.clear();
        outbox.clear();
        identity.reset();
      }
    },
    flush: () => batcher.flush(),
    onLeave: (fn) => leaveHooks.push(fn),
    enabled: () => enabled,
    wrap: guard.wrap,
    failures: guard.failures,
  };
  const methods = client as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const key in methods)
    if (methods[key] !== guard.wrap) methods[key] = guard.wrap(methods[key] as () => unknown);
  platform.onHide(
    guard.wrap(() => {
      leave(false);
      batcher.flush(true);
      outbox.final();
    }),
  );
  platform.onOnline?.(guard.wrap(outbox.retry));
  // Events a previous page could not send go first.
  outbox.pump();
  return client;
}

type Channel = { value?: string; campaign: boolean };
