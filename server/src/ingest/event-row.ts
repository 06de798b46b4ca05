/**
 * Maps a validated wire event to a row of the `events` table, adding what the server
 * knows: the site, the receive time, the device class and the request's enrichment.
 */
import { deviceClassOf, type WireEvent } from '@heatfunnel/sdk/protocol';

/** A row of the `events` table, as inserted with JSONEachRow. */
export interface EventRow {
  site: string;
  id: string;
  type: string;
  ts: number;
  received_at: number;
  anon_id: string;
  user_id: string;
  session_id: string;
  platform: string;
  url: string;
  page_key: string;
  referrer: string;
  channel: string;
  device: string;
  vw: number;
  vh: number;
  dw: number;
  dh: number;
  x: number;
  y: number;
  selector: string;
  selector_hash: string;
  ex: number;
  ey: number;
  ew: number;
  eh: number;
  fixed: number;
  rage: number;
  dead: number;
  href: string;
  max_depth: number;
  attention: number[];
  funnel: string;
  step: string;
  name: string;
  props: string;
  browser: string;
  os: string;
  ua_device: string;
  bot: number;
  ip: string;
}

/** What the server learns from the request rather than the event (see `enrich.ts`). */
export interface Enrichment {
  browser: string;
  os: string;
  /** Device type named by the user agent: desktop, mobile, tablet, ... */
  ua_device: string;
  /** 1 for a known bot or crawler. */
  bot: number;
  /** The client address truncated (or empty when the site drops it); never the whole address. */
  ip: string;
}

/** Enrichment of a request nothing is known about. */
export const NO_ENRICHMENT: Enrichment = { browser: '', os: '', ua_device: '', bot: 0, ip: '' };

const round = Math.round;

/** The `events` row for `event` of `site`, received at `receivedAt` (ms). */
export function eventRow(
  site: string,
  event: WireEvent,
  receivedAt: number,
  enrichment: Enrichment = NO_ENRICHMENT,
): EventRow {
  const row: EventRow = {
    site,
    id: event.id,
    type: event.t,
    ts: round(event.ts),
    received_at: round(receivedAt),
    anon_id: event.a,
    user_id: event.u ?? '',
    session_id: event.s,
    platform: event.p,
    url: event.url,
    page_key: event.pk,
    referrer: event.r ?? '',
    channel: event.ch ?? '',
    device: deviceClassOf(event.vw),
    vw: round(event.vw),
    vh: round(event.vh),
    dw: round(event.dw),
    dh: round(event.dh),
    x: 0,
    y: 0,
    selector: '',
    selector_hash: '',
    ex: 0,
    ey: 0,
    ew: 0,
    eh: 0,
    fixed: 0,
    rage: 0,
    dead: 0,
    href: '',
    max_depth: 0,
    attention: [],
    funnel: '',
    step: '',
    name: '',
    props: '',
    ...enrichment,
  };
  switch (event.t) {
    case 'click':
      Object.assign(row, {
        x: round(event.x),
        y: round(event.y),
        selector: event.sel,
        selector_hash: event.sh ?? '',
        ex: event.ex ?? 0,
        ey: event.ey ?? 0,
        ew: round(event.ew ?? 0),
        eh: round(event.eh ?? 0),
        fixed: event.fx ?? 0,
        rage: event.rg ?? 0,
        dead: event.dd ?? 0,
        href: event.href ?? '',
      });
      break;
    case 'scroll':
      Object.assign(row, { max_depth: round(event.md), attention: event.att ?? [] });
      break;
    case 'step':
      Object.assign(row, {
        funnel: event.f,
        step: event.st,
        props: event.pr ? JSON.stringify(event.pr) : '',
      });
      break;
    case 'custom':
      Object.assign(row, { name: event.n, props: event.pr ? JSON.stringify(event.pr) : '' });
      break;
    case 'pageview':
    case 'identify':
      break;
  }
  return row;
}
