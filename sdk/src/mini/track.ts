/**
 * What the wrapped Page/Component lifecycles and handlers report: page views (route, query,
 * scene), page leave with duration, taps with coordinates, shares, and opt-in scroll depth.
 */
import type { CoreClient } from '../core/client';
import { fnv1a } from '../core/fnv1a';
import { ATTENTION_BANDS, LIMITS } from '../protocol';
import type { EnterOptions, MiniApi } from './api';
import { recoverNode, type TaroDocument } from './frameworks';
import type { View } from './mini-platform';

// biome-ignore lint/suspicious/noExplicitAny: page instances and native events are untyped
type Any = any;

/** Taps closer than this to the last one (same kind) are the same tap seen by another handler, ms. */
export const DEDUP_MS = 10;
/** Without a tap or scroll for this long the visitor counts as away, ms (as on the web). */
export const ACTIVE_MS = 10_000;
/** Most seconds counted for one attention band in one page view (as on the web). */
export const BAND_CAP_S = 600;

/** A page view in progress. */
interface Shown {
  inst: object;
  url: string;
  at: number;
  /** Deepest scroll top seen; -1 when the page did not opt in to scroll depth. */
  top: number;
  /** Scroll top now, last input and last attention count (ms), seconds per band. */
  now: number;
  input: number;
  counted: number;
  att: number[];
  asked?: boolean;
}

/** The first of `values` that is a number. */
const num = (...values: unknown[]) => values.find((v) => typeof v === 'number') as number | undefined;

/** `?a=1&b=2` from a query object ('' when empty). */
export function queryString(query: Record<string, unknown> | undefined): string {
  const pairs = Object.keys(query || {}).map(
    (k) => `${encodeURIComponent(k)}=${encodeURIComponent(String((query as Record<string, unknown>)[k]))}`,
  );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The selector a tap is ranked by: handler, `#id` and data-* (sorted); the kind of touch goes in `tk`. */
export function tapSelector(handler: string, id: string | undefined, dataset: Record<string, unknown>) {
  let sel = handler + (id ? `#${id}` : '');
  for (const key of Object.keys(dataset).sort()) {
    const value = dataset[key];
    if (/^(string|number|boolean)$/.test(typeof value))
      sel += `[data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=${String(value).slice(0, 40)}]`;
  }
  return sel.slice(0, LIMITS.maxKeyLength);
}

/** The tracker behind the wrappers, on `client`, reporting the page through `view`. */
export function createTracker(client: CoreClient, api: MiniApi, view: View, taro?: TaroDocument) {
  let shown: Shown | undefined;
  let entry: EnterOptions | undefined = api.enter();
  let last = { at: -1e9, type: '' };
  api.onShow((options) => {
    entry = options || {};
  });

  // Baidu's Component pages: the page behind the component has the route (uni-app's
  // uni-mp-baidu/src/runtime/parsePageOptions.ts reads `this.pageinstance.route`).
  const routeOf = (inst: Any): string =>
    String(inst.route || inst.__route__ || inst.uri || Object(inst.pageinstance).route || '').replace(
      /^\/?/,
      '/',
    );
  /** Credits the time since the last count to the bands in view, while the visitor is active. */
  const count = (page: Shown, input?: boolean) => {
    const at = Date.now();
    const active = Math.min(at, page.input + ACTIVE_MS) - page.counted;
    const vh = api.size().h;
    const band = Math.max(view.height, page.now + vh) / ATTENTION_BANDS;
    const lastBand = Math.min(ATTENTION_BANDS - 1, Math.floor((page.now + vh - 1) / band));
    for (let i = Math.floor(page.now / band); active > 0 && i <= lastBand; i++)
      page.att[i] = (page.att[i] ?? 0) + active / 1000;
    page.counted = at;
    if (input) page.input = at;
  };
  /** Asks the page's height (one query at a time); attention bands are twentieths of it. */
  const measure = (page: Shown) => {
    page.asked = true;
    api.pageHeight((height) => {
      page.asked = false;
      if (shown === page) view.height = height;
    });
  };
  /** Starts the clocks of `page` (page view, attention) now. */
  const restart = (page: Shown) => {
    page.at = page.input = page.counted = Date.now();
    page.att = Array(ATTENTION_BANDS).fill(0);
  };
  const end = (page = shown) => {
    if (!page || page !== shown) return;
    // Without consent nothing is sent: the view goes on, and counts from consent on.
    if (!client.enabled()) return restart(page);
    client.track('$pageleave', { ms: Date.now() - page.at });
    if (page.top >= 0) {
      count(page);
      const att = page.att.map((sec) => Math.round(Math.min(sec, BAND_CAP_S) * 10) / 10);
      client.capture('scroll', { md: Math.round(page.top + api.size().h), att });
    }
    shown = undefined;
  };
  client.onLeave(() => end());

  const tracker = {
    /** Page onLoad: keeps the query, which only onLoad is told. */
    load(inst: Any, query: Record<string, unknown> | undefined) {
      inst.__hfq = query;
    },
    /** Page onShow: a page view. */
    show(inst: Any, scroll: boolean) {
      end();
      const url = routeOf(inst) + queryString(inst.__hfq ?? inst.options);
      let referrer = view.url;
      if (entry) {
        // The core takes an external referrer's host as the session's channel: here the scene.
        referrer = `scene://${api.name}_${entry.scene ?? 'unknown'}`;
        entry = undefined;
      }
      Object.assign(view, { url, referrer, height: 0 });
      client.pageview(referrer);
      // After the page view: the core ends the previous view first, through `end`.
      shown = { inst, url, top: scroll ? 0 : -1, now: 0 } as Shown;
      restart(shown);
      // Page timeStamps count from each page's open: a new page starts a new dedup window.
      last = { at: -1e9, type: '' };
      if (scroll) measure(shown);
    },
    /** Page onHide/onUnload: the page view ends (unless the next page already ended it). */
    hide(inst: object) {
      if (shown?.inst === inst) end();
    },
    /** A wrapped handler ran with `event`: records it when it is a tap or long press. */
    tap(name: string, event: Any, inst?: Any) {
      const type = String(event.type).toLowerCase();
      const long = /^long(press|tap)$/.test(type);
      if (type !== 'tap' && !long) return;
      const at = num(event.timeStamp, Date.now()) as number;
      if (Math.abs(at - last.at) < DEDUP_MS && last.type === type) return;
      last = { at, type };
      const node = recoverNode(name, event, taro, inst);
      if (node.dataset.hfIgnore !== undefined || event.target?.dataset?.hfIgnore !== undefined) return;
      delete node.dataset.hfIgnore;
      const touch = (event.touches || event.changedTouches || [])[0] || {};
      const detail = event.detail || {};
      // detail.x/y are page coordinates (scroll included); touches' clientX/Y are the viewport's.
      const cx = num(touch.clientX, detail.clientX);
      const cy = num(touch.clientY, detail.clientY);
      const pageY = num(detail.y, detail.pageY, touch.pageY);
      // Scroll top without an injected onPageScroll: page minus viewport y of the same touch;
      // else what an opted-in page's onPageScroll last said; unknown otherwise.
      const sy =
        pageY !== undefined && cy !== undefined
          ? pageY - cy
          : shown && shown.top >= 0
            ? shown.now
            : undefined;
      const x = num(detail.x, detail.pageX, touch.pageX, cx);
      const y = num(pageY, cy === undefined ? cy : cy + (sy || 0));
      if (x === undefined || y === undefined) return;
      if (shown && shown.top >= 0) count(shown, true);
      const sel = tapSelector(node.handler, node.id, node.dataset);
      const r = (n: number | undefined) => (n === undefined ? n : Math.round(n));
      client.capture('click', {
        x: r(x) as number,
        y: r(y) as number,
        sel,
        sh: fnv1a(sel),
        cx: r(cx),
        cy: r(cy),
        sy: r(sy && Math.max(0, sy)),
        tk: long ? 'longpress' : undefined,
      });
    },
    /** onPageScroll of a page that opted in: the deepest point and attention. */
    scroll(inst: object, top: number) {
      const page = shown;
      if (page?.inst !== inst || page.top < 0) return;
      count(page, true);
      page.now = top;
      page.top = Math.max(page.top, top);
      // Scrolled past the height measured at show (content loaded since): measure again.
      if (!page.asked && top + api.size().h > view.height) measure(page);
    },
    /** onShareAppMessage / onShareTimeline returned `result`: tags its path and records the share. */
    share(inst: Any, kind: 'message' | 'timeline', result: Any, from: unknown) {
      const out = result && typeof result === 'object' ? result : {};
      if (out.promise) return result;
      const sid = fnv1a(String(Math.random())).slice(0, 6);
      const key = kind === 'timeline' ? 'query' : 'path';
      const base: string =
        out[key] ??
        (kind === 'timeline' ? (shown?.url ?? '').split('?')[1] || '' : shown?.url || routeOf(inst));
      if (!/(^|[?&])utm_source=/.test(base)) {
        const sep = kind === 'timeline' ? (base ? '&' : '') : base.includes('?') ? '&' : '?';
        out[key] = `${base}${sep}utm_source=share&utm_medium=${kind}&utm_content=${sid}`;
      }
      client.track('$share', { type: kind, sid, from: String(from ?? 'menu') });
      return out;
    },
  };
  return tracker;
}

/** The tracker's interface. */
export type Tracker = ReturnType<typeof createTracker>;
