/**
 * The view's state and its home in the URL query, so a view can be shared and reloaded.
 * Unset dates mean "the last `days` (default 30) days", kept relative so a shared view of
 * "last week" stays current; set dates fix the range.
 */
import { DEVICE_CLASSES, DeviceClass, PLATFORMS, type Platform } from '@heatfunnel/sdk/protocol';
import { isIsoDate, MAX_RANGE_DAYS } from './dates';
import { formatFilter, parseFilter, type StepFilter } from './funnel/filters';
import {
  BREAKDOWNS,
  DEFAULT_WINDOW,
  type Exclusion,
  FUNNEL_ORDERS,
  FUNNEL_UNITS,
  type FunnelDraft,
  formatExclusion,
  formatStep,
  parseExclusion,
  parseStep,
  type StepMatch,
  WINDOWS,
} from './funnel/spec';
import { isLang, type Lang } from './i18n';
import { formatSegment, parseSegment, type SegmentChoice } from './segments';

/** The two pages of the viewer. */
export const VIEWS = ['heatmap', 'funnel'] as const;
export type View = (typeof VIEWS)[number];

/** Most funnel steps the API takes. */
const MAX_STEPS = 20;
/** Longest cohort (a JSON funnel) kept from a URL. */
const MAX_COHORT = 8000;

/** What the heat shows: clicks, rage clicks, dead clicks, scroll reach or attention. */
export const HEAT_TYPES = ['click', 'rage', 'dead', 'scroll', 'attention'] as const;
export type HeatType = (typeof HEAT_TYPES)[number];

/**
 * Where click heat is placed: on the element as the backdrop lays it out now (the default;
 * drawn by position where the backdrop has no document to find elements in), or at the
 * recorded document point.
 */
export const PLACEMENTS = ['element', 'position'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** What the heat is drawn over: the page's stored snapshot, or the live page in a frame. */
export const BACKDROPS = ['snapshot', 'live'] as const;
export type Backdrop = (typeof BACKDROPS)[number];

/**
 * What is drawn side by side: this period and the previous one, new and returning visitors,
 * or the header's segment and a second one (`vs`).
 */
export const COMPARISONS = ['previous', 'visitors', 'segments'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Visitor segments the API can filter by. */
export const VISITOR_KINDS = ['new', 'returning'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

/** Longest channel name kept from a URL (the protocol's name limit). */
const MAX_CHANNEL = 128;

/** What the analyst is looking at. */
export interface ViewState {
  view: View;
  site: string | null;
  page: string | null;
  type: HeatType;
  /** Click heat placement (clicks only; rage and dead clicks are placed by position); default element. */
  place: Placement;
  /** The page behind the heat: its snapshot (default) or the live page. */
  backdrop: Backdrop;
  /** A second view beside the first, or null. */
  compare: Comparison | null;
  /** The second side's segment when comparing segments (`vs=key:value` in the URL). */
  vs: SegmentChoice;
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
  /** Heatmap cohort from the funnel page: `{"funnel":…,"reached":N}` as the API takes it. */
  cohort: string | null;
  /** The funnel being built. */
  funnel: FunnelDraft;
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
  const cohort = q.get('cohort');
  const windowSeconds = Number(q.get('window'));
  const steps = q
    .getAll('step')
    .slice(0, MAX_STEPS)
    .map(parseStep)
    .filter((m): m is StepMatch => m !== null);
  const filters = q
    .getAll('filter')
    .slice(0, MAX_STEPS * 5)
    .map(parseFilter)
    .filter((f): f is StepFilter => f !== null && f.step <= steps.length);
  const exclusions = q
    .getAll('exclude')
    .slice(0, MAX_STEPS)
    .map(parseExclusion)
    .filter((e): e is Exclusion => e !== null);
  const exclusionFilters = q
    .getAll('xfilter')
    .slice(0, MAX_STEPS * 5)
    .map(parseFilter)
    .filter((f): f is StepFilter => f !== null && f.step <= exclusions.length);
  return {
    view: oneOf(VIEWS, q.get('view')) ?? 'heatmap',
    site: q.get('site') || null,
    page: q.get('page') || null,
    type: oneOf(HEAT_TYPES, q.get('type')) ?? 'click',
    place: oneOf(PLACEMENTS, q.get('place')) ?? 'element',
    backdrop: oneOf(BACKDROPS, q.get('backdrop')) ?? 'snapshot',
    compare: oneOf(COMPARISONS, q.get('compare')),
    vs: parseSegment(q.getAll('vs')),
    device: oneOf(DEVICE_CLASSES, q.get('device')) ?? DeviceClass.desktop,
    from: from && isIsoDate(from) ? from : null,
    to: to && isIsoDate(to) ? to : null,
    days: Number.isInteger(days) && days >= 1 && days <= MAX_RANGE_DAYS ? days : null,
    channel: channel || null,
    platform: oneOf(PLATFORMS, q.get('platform')),
    visitor: oneOf(VISITOR_KINDS, q.get('visitor')),
    cohort: cohort && cohort.length <= MAX_COHORT ? cohort : null,
    funnel: {
      steps,
      filters,
      exclusions,
      exclusionFilters,
      windowSeconds: WINDOWS.find((w) => w === windowSeconds) ?? DEFAULT_WINDOW,
      order: oneOf(FUNNEL_ORDERS, q.get('order')) ?? 'ordered',
      unit: oneOf(FUNNEL_UNITS, q.get('unit')) ?? 'visitor',
      breakdown: oneOf(BREAKDOWNS, q.get('breakdown')),
    },
    lang: lang && isLang(lang) ? lang : null,
  };
}

/** The URL query (with `?`, or empty) of a state; defaults are left out to keep links short. */
export function formatState(state: ViewState): string {
  const q = new URLSearchParams();
  if (state.view !== 'heatmap') q.set('view', state.view);
  if (state.site) q.set('site', state.site);
  if (state.page) q.set('page', state.page);
  if (state.type !== 'click') q.set('type', state.type);
  if (state.place !== 'element') q.set('place', state.place);
  if (state.backdrop !== 'snapshot') q.set('backdrop', state.backdrop);
  if (state.compare) q.set('compare', state.compare);
  if (state.compare === 'segments') for (const v of formatSegment(state.vs)) q.append('vs', v);
  if (state.device !== DeviceClass.desktop) q.set('device', state.device);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.days) q.set('days', String(state.days));
  if (state.channel) q.set('channel', state.channel);
  if (state.platform) q.set('platform', state.platform);
  if (state.visitor) q.set('visitor', state.visitor);
  if (state.cohort) q.set('cohort', state.cohort);
  const f = state.funnel;
  for (const step of f.steps) q.append('step', formatStep(step));
  for (const filter of f.filters) q.append('filter', formatFilter(filter));
  for (const e of f.exclusions) q.append('exclude', formatExclusion(e));
  for (const filter of f.exclusionFilters) q.append('xfilter', formatFilter(filter));
  if (f.windowSeconds !== DEFAULT_WINDOW) q.set('window', String(f.windowSeconds));
  if (f.order !== 'ordered') q.set('order', f.order);
  if (f.unit !== 'visitor') q.set('unit', f.unit);
  if (f.breakdown) q.set('breakdown', f.breakdown);
  if (state.lang) q.set('lang', state.lang);
  const s = q.toString();
  return s ? `?${s}` : '';
}
