/**
 * The view's state and its home in the URL query, so a view can be shared and reloaded.
 * Unset dates mean "the last `days` (default 30) days", kept relative so a shared view of
 * "last week" stays current; set dates fix the range.
 */
import { DEVICE_CLASSES, DeviceClass, PLATFORMS, type Platform } from '@heatfunnel/sdk/protocol';
import { isIsoDate, MAX_RANGE_DAYS } from './dates';
import { isLang, type Lang } from './i18n';

/** What the heat shows: clicks, rage clicks, dead clicks, scroll reach or attention. */
export const HEAT_TYPES = ['click', 'rage', 'dead', 'scroll', 'attention'] as const;
export type HeatType = (typeof HEAT_TYPES)[number];

/** Visitor segments the API can filter by. */
export const VISITOR_KINDS = ['new', 'returning'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

/** Longest channel name kept from a URL (the protocol's name limit). */
const MAX_CHANNEL = 128;

/** What the analyst is looking at. */
export interface ViewState {
  site: string | null;
  page: string | null;
  type: HeatType;
  device: DeviceClass;
  /** `YYYY-MM-DD` (UTC), both set for a fixed range, or null for a range relative to today. */
  from: string | null;
  to: string | null;
  /** Length of the relative range in days, today included; null means the default 30. */
  days: number | null;
  /** Segment: only visits from this channel, platform, or kind of visitor. */
  channel: string | null;
  platform: Platform | null;
  visitor: VisitorKind | null;
  /** Chosen language, or null to follow the browser. */
  lang: Lang | null;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  list.find((x) => x === v) ?? null;

/** The state of a URL query; unknown or malformed values fall back to defaults. */
export function parseState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const from = q.get('from');
  const to = q.get('to');
  const lang = q.get('lang');
  const days = Number(q.get('days'));
  const channel = q.get('channel')?.trim().slice(0, MAX_CHANNEL);
  return {
    site: q.get('site') || null,
    page: q.get('page') || null,
    type: oneOf(HEAT_TYPES, q.get('type')) ?? 'click',
    device: oneOf(DEVICE_CLASSES, q.get('device')) ?? DeviceClass.desktop,
    from: from && isIsoDate(from) ? from : null,
    to: to && isIsoDate(to) ? to : null,
    days: Number.isInteger(days) && days >= 1 && days <= MAX_RANGE_DAYS ? days : null,
    channel: channel || null,
    platform: oneOf(PLATFORMS, q.get('platform')),
    visitor: oneOf(VISITOR_KINDS, q.get('visitor')),
    lang: lang && isLang(lang) ? lang : null,
  };
}

/** The URL query (with `?`, or empty) of a state; defaults are left out to keep links short. */
export function formatState(state: ViewState): string {
  const q = new URLSearchParams();
  if (state.site) q.set('site', state.site);
  if (state.page) q.set('page', state.page);
  if (state.type !== 'click') q.set('type', state.type);
  if (state.device !== DeviceClass.desktop) q.set('device', state.device);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.days) q.set('days', String(state.days));
  if (state.channel) q.set('channel', state.channel);
  if (state.platform) q.set('platform', state.platform);
  if (state.visitor) q.set('visitor', state.visitor);
  if (state.lang) q.set('lang', state.lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}
