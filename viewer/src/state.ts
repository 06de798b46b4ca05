/**
 * The view's state and its home in the URL query, so a view can be shared and reloaded.
 * Unset dates mean "the last `days` (default 30) days", kept relative so a shared view of
 * "last week" stays current; set dates fix the range.
 */
import { DEVICE_CLASSES, DeviceClass } from '@heatfunnel/sdk/protocol';
import { isIsoDate, MAX_RANGE_DAYS } from './dates';
import { isLang, type Lang } from './i18n';

/** What the analyst is looking at. */
export interface ViewState {
  site: string | null;
  page: string | null;
  device: DeviceClass;
  /** `YYYY-MM-DD` (UTC), both set for a fixed range, or null for a range relative to today. */
  from: string | null;
  to: string | null;
  /** Length of the relative range in days, today included; null means the default 30. */
  days: number | null;
  /** Chosen language, or null to follow the browser. */
  lang: Lang | null;
}

/** The state of a URL query; unknown or malformed values fall back to defaults. */
export function parseState(search: string): ViewState {
  const q = new URLSearchParams(search);
  const device = q.get('device');
  const from = q.get('from');
  const to = q.get('to');
  const lang = q.get('lang');
  const days = Number(q.get('days'));
  return {
    site: q.get('site') || null,
    page: q.get('page') || null,
    device: DEVICE_CLASSES.find((d) => d === device) ?? DeviceClass.desktop,
    from: from && isIsoDate(from) ? from : null,
    to: to && isIsoDate(to) ? to : null,
    days: Number.isInteger(days) && days >= 1 && days <= MAX_RANGE_DAYS ? days : null,
    lang: lang && isLang(lang) ? lang : null,
  };
}

/** The URL query (with `?`, or empty) of a state; defaults are left out to keep links short. */
export function formatState(state: ViewState): string {
  const q = new URLSearchParams();
  if (state.site) q.set('site', state.site);
  if (state.page) q.set('page', state.page);
  if (state.device !== DeviceClass.desktop) q.set('device', state.device);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.days) q.set('days', String(state.days));
  if (state.lang) q.set('lang', state.lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}
