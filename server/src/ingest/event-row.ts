/**
 * Maps a validated wire event to a row of the `events` table, adding what the server
 * knows: the site, the receive time, the device class and the request's enrichment.
 * Rows carry only the columns an event has: JSONEachRow fills the others with their
 * defaults ('' and 0), so the spool's lines stay short and cheap to write and to parse.
 */
import { deviceClassOf, type WireEvent } from '@heatfunnel/sdk/protocol';

/** Columns every row has. */
interface BaseRow {
  site: string;
  id: string;
  type: string;
  ts: number;
  received_at: number;
  anon_id: string;
  session_id: string;
  platform: string;
  url: string;
  page_key: string;
  device: string;
  vw: number;
  vh: number;
  dw: number;
  dh: number;
}

/** Columns only some events fill; absent means the column's default. */
interface OptionalColumns {
  user_id: string;
  referrer: string;
  channel: string;
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
  text: string;
  client_x: number;
  client_y: number;
  scroll_top: number;
  tap_kind: string;
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

/** A row of the `events` table, as inserted with JSONEachRow. */
export type EventRow = BaseRow & Partial<OptionalColumns>;

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
    session_id: event.s,
    platform: event.p,
    url: event.url,
    page_key: event.pk,
    device: deviceClassOf(event.vw),
    vw: round(event.vw),
    vh: round(event.vh),
    dw: round(event.dw),
    dh: round(event.dh),
  };
  if (event.u) row.user_id = event.u;
  if (event.r) row.referrer = event.r;
  if (event.ch) row.channel = event.ch;
  switch (event.t) {
    case 'click':
      row.x = round(event.x);
      row.y = round(event.y);
      row.selector = event.sel;
      if (event.sh) row.selector_hash = event.sh;
      if (event.ex) row.ex = event.ex;
      if (event.ey) row.ey = event.ey;
      if (event.ew) row.ew = round(event.ew);
      if (event.eh) row.eh = round(event.eh);
      if (event.fx) row.fixed = event.fx;
      if (event.rg) row.rage = event.rg;
      if (event.dd) row.dead = event.dd;
      if (event.href) row.href = event.href;
      if (event.tx) row.text = event.tx;
      if (typeof event.cx === 'number') row.client_x = round(event.cx);
      if (typeof event.cy === 'number') row.client_y = round(event.cy);
      if (typeof event.sy === 'number') row.scroll_top = round(event.sy);
      if (event.tk) row.tap_kind = event.tk;
      break;
    case 'scroll':
      row.max_depth = round(event.md);
      if (event.att && event.att.length > 0) row.attention = event.att;
      break;
    case 'step':
      row.funnel = event.f;
      row.step = event.st;
      if (event.pr) row.props = JSON.stringify(event.pr);
      break;
    case 'custom':
      row.name = event.n;
      if (event.pr) row.props = JSON.stringify(event.pr);
      break;
    case 'pageview':
    case 'identify':
      break;
  }
  if (enrichment.browser) row.browser = enrichment.browser;
  if (enrichment.os) row.os = enrichment.os;
  if (enrichment.ua_device) row.ua_device = enrichment.ua_device;
  if (enrichment.bot) row.bot = enrichment.bot;
  if (enrichment.ip) row.ip = enrichment.ip;
  return row;
}
