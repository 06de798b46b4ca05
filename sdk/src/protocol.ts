/**
 * Heatfunnel's wire protocol: the one definition of what the SDK sends to `POST /v1/batch`
 * and what the server answers. The server and the viewer import it; nothing restates it.
 *
 * Keys are short because every shop page carries the SDK and every event crosses the
 * network; each is documented here so the short names stay readable.
 *
 * Types and constants only (plus two pure helpers): no runtime dependency, and no import at
 * all: the k6 scripts load this file too, and k6 finds no extensionless module.
 */

/** Version of this protocol, sent in every batch as `v`. */
export const PROTOCOL_VERSION = 1;

/** Path of the ingest endpoint. */
export const BATCH_PATH = '/v1/batch';

/** Event types. */
export const EventType = {
  pageview: 'pageview',
  click: 'click',
  scroll: 'scroll',
  step: 'step',
  custom: 'custom',
  identify: 'identify',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

/** Where an event was captured. */
export const Platform = {
  web: 'web',
  weapp: 'weapp',
  alipay: 'alipay',
  douyin: 'douyin',
  baidu: 'baidu',
} as const;
export type Platform = (typeof Platform)[keyof typeof Platform];
export const PLATFORMS: readonly Platform[] = Object.values(Platform);

/** Device classes, derived from the viewport width. */
export const DeviceClass = { desktop: 'desktop', tablet: 'tablet', mobile: 'mobile' } as const;
export type DeviceClass = (typeof DeviceClass)[keyof typeof DeviceClass];
export const DEVICE_CLASSES: readonly DeviceClass[] = Object.values(DeviceClass);

/** Smallest viewport width (CSS px) of each device class. */
export const DEVICE_MIN_WIDTH = { tablet: 600, desktop: 1024 } as const;

/** The device class of a viewport `width` in CSS pixels. */
export function deviceClassOf(width: number): DeviceClass {
  if (width >= DEVICE_MIN_WIDTH.desktop) return DeviceClass.desktop;
  if (width >= DEVICE_MIN_WIDTH.tablet) return DeviceClass.tablet;
  return DeviceClass.mobile;
}

/*
 * The limits the SDK reads are named constants too, and LIMITS is made of literals: a bundler
 * drops an object only when nothing reads it, so the browser core imports these instead and
 * does not ship the server-only limits (about 150 bytes gzipped of a 6 KB budget).
 */
/** `LIMITS.maxEventsPerBatch`. */
export const MAX_EVENTS_PER_BATCH = 500;
/** `LIMITS.maxBeaconBytes`. */
export const MAX_BEACON_BYTES = 60_000;
/** `LIMITS.maxUrlLength`. */
export const MAX_URL_LENGTH = 2048;
/** `LIMITS.maxKeyLength`. */
export const MAX_KEY_LENGTH = 512;
/** `LIMITS.maxIdLength`. */
export const MAX_ID_LENGTH = 128;
/** `LIMITS.maxNameLength`. */
export const MAX_NAME_LENGTH = 128;
/** `LIMITS.maxPropsLength`. */
export const MAX_PROPS_LENGTH = 4096;
/** `LIMITS.maxPastSkewMs`: 7 days. */
export const MAX_PAST_SKEW_MS = 604_800_000;

/** Limits the server enforces; the SDK stays inside them. */
export const LIMITS = {
  /** Most events in one batch. */
  maxEventsPerBatch: MAX_EVENTS_PER_BATCH,
  /** Largest request body as sent (compressed or not), bytes. */
  maxBodyBytes: 1_048_576,
  /** Largest body after decompression, bytes. */
  maxDecompressedBytes: 8_388_608,
  /** Largest decompressed:compressed ratio accepted (gzip bomb guard). */
  maxCompressionRatio: 100,
  /** Largest body the SDK puts in one beacon or keepalive fetch (browsers allow 64 KiB in flight). */
  maxBeaconBytes: MAX_BEACON_BYTES,
  /** Longest URL or referrer, characters. */
  maxUrlLength: MAX_URL_LENGTH,
  /** Longest page key, selector or href, characters. */
  maxKeyLength: MAX_KEY_LENGTH,
  /** Longest id (event, anonymous, user, session, site key), characters. */
  maxIdLength: MAX_ID_LENGTH,
  /** Longest name (funnel, step, custom event, channel), characters. */
  maxNameLength: MAX_NAME_LENGTH,
  /** Longest serialised `pr` (properties) object, characters. */
  maxPropsLength: MAX_PROPS_LENGTH,
  /** Largest coordinate or size, CSS px. */
  maxPixels: 1_000_000,
  /** How far in the future a client timestamp may be before it is rejected, ms (10 minutes; a literal, see above). */
  maxFutureSkewMs: 600_000,
  /** How far in the past a client timestamp may be before it is rejected, ms (7 days). */
  maxPastSkewMs: MAX_PAST_SKEW_MS,
} as const;

/** Number of equal vertical bands of the document that scroll attention is reported in. */
export const ATTENTION_BANDS = 20;

/** Fields every event carries. */
export interface BaseEvent {
  /** Event id: a UUIDv7 made by the client; the server drops repeats of it. */
  id: string;
  /** Event type. */
  t: EventType;
  /** Client time, ms since the Unix epoch. */
  ts: number;
  /** Anonymous visitor id, kept across sessions. */
  a: string;
  /** User id, once `identify` was called. */
  u?: string;
  /** Session id. */
  s: string;
  /** Platform the event was captured on. */
  p: Platform;
  /** Page URL (query string reduced to utm_* and configured keys). */
  url: string;
  /** Page key: the URL grouped into a template, e.g. `/product/:id`. */
  pk: string;
  /** Referrer of the page view. */
  r?: string;
  /** Channel: utm_source, or the mini-program scene. */
  ch?: string;
  /** Viewport width and height, CSS px. */
  vw: number;
  vh: number;
  /** Document width and height, CSS px. */
  dw: number;
  dh: number;
}

/** A page view. */
export interface PageviewEvent extends BaseEvent {
  t: typeof EventType.pageview;
}

/** A click (web) or tap (mini-program). */
export interface ClickEvent extends BaseEvent {
  t: typeof EventType.click;
  /** Document coordinates of the click, CSS px. */
  x: number;
  y: number;
  /** Stable selector of the clicked element (ids and classes with digits skipped). */
  sel: string;
  /** Hash of `sel` (FNV-1a 32-bit, lower-case hex). */
  sh?: string;
  /** Position inside the element, 0..1 of its width and height. */
  ex?: number;
  ey?: number;
  /** Element width and height, CSS px. */
  ew?: number;
  eh?: number;
  /** 1 when the element is fixed or sticky (its position ignores scrolling). */
  fx?: 0 | 1;
  /** 1 when this click is part of a rage click. */
  rg?: 0 | 1;
  /** 1 when nothing happened after the click (dead click). */
  dd?: 0 | 1;
  /** Link target, when the element is or is inside a link. */
  href?: string;
  /** The element's visible text (trimmed, at most `MAX_CLICK_TEXT` characters); only when the site opts in (`captureText`). */
  tx?: string;
  /** Mini-program taps: viewport coordinates of the touch (`touches[0].clientX/Y`), CSS px. */
  cx?: number;
  cy?: number;
  /** Mini-program taps: the page's scroll top at the tap, CSS px. */
  sy?: number;
  /** Mini-program taps: the kind of touch, when not a plain tap. */
  tk?: TapKind;
}

/** Longest click text (`tx`), characters. */
export const MAX_CLICK_TEXT = 64;

/** Kinds of mini-program touch recorded as clicks. */
export const TapKind = { tap: 'tap', longpress: 'longpress' } as const;
export type TapKind = (typeof TapKind)[keyof typeof TapKind];

/** Scroll depth and attention, once per page view. */
export interface ScrollEvent extends BaseEvent {
  t: typeof EventType.scroll;
  /** Deepest point reached: the largest scroll offset plus viewport height, CSS px. */
  md: number;
  /** Seconds each of the `ATTENTION_BANDS` bands was visible while the visitor was active. */
  att?: number[];
}

/** A named funnel step. */
export interface StepEvent extends BaseEvent {
  t: typeof EventType.step;
  /** Funnel name. */
  f: string;
  /** Step name. */
  st: string;
  /** Properties. */
  pr?: Record<string, string | number | boolean>;
}

/** A custom event. */
export interface CustomEvent extends BaseEvent {
  t: typeof EventType.custom;
  /** Event name. */
  n: string;
  /** Properties. */
  pr?: Record<string, string | number | boolean>;
}

/** Links the anonymous id to a user id (`u`). */
export interface IdentifyEvent extends BaseEvent {
  t: typeof EventType.identify;
  u: string;
}

/** Any event on the wire. */
export type WireEvent = PageviewEvent | ClickEvent | ScrollEvent | StepEvent | CustomEvent | IdentifyEvent;

/** The body of `POST /v1/batch`. */
export interface Batch {
  /** Site key (public write key). */
  k: string;
  /** Protocol version, `PROTOCOL_VERSION`. */
  v: number;
  /** Events, at most `LIMITS.maxEventsPerBatch`. */
  e: WireEvent[];
}

/**
 * Query parameter that marks a body as gzip when a header cannot be set (sendBeacon):
 * `POST /v1/batch?gz=1`.
 */
export const GZIP_QUERY_FLAG = 'gz';

/**
 * Page snapshots for heatmap backdrops. After a page view the core loads
 * `SNAPSHOT_SCRIPT_PATH?k=<site key>&vw=<viewport width>&pk=<page key>#<page URL>` from the
 * ingest server (the device class is `deviceClassOf(vw)`, as for events; the fragment, never
 * sent, tells the entry which page asked). The server answers the snapshot entry (a separate bundle with rrweb-snapshot) when it wants
 * a snapshot of that page key and device class (sampling, none recent), and an empty script
 * otherwise. The entry serialises the page (inputs masked, scripts removed) and posts a
 * `SnapshotUpload` to `SNAPSHOT_PATH`; the server keeps one per site, page key, device class
 * and content hash.
 */
export const SNAPSHOT_PATH = '/v1/snapshot';
export const SNAPSHOT_SCRIPT_PATH = '/v1/snapshot.js';

/** The body of `POST /v1/snapshot` (JSON, optionally gzip as for batches). */
export interface SnapshotUpload {
  /** Site key (public write key). */
  k: string;
  /** Protocol version, `PROTOCOL_VERSION`. */
  v: number;
  /** Page key and cleaned URL, as on the page's events. */
  pk: string;
  url: string;
  /** Device class the snapshot was taken at (the heatmap's width bucket). */
  dc: DeviceClass;
  /** Viewport and document size when the snapshot was taken, CSS px. */
  vw: number;
  vh: number;
  dw: number;
  dh: number;
  /** Content hash of `sn` as serialised (FNV-1a 32-bit hex): the same page twice is stored once. */
  h: string;
  /** Client time, ms since the Unix epoch. */
  ts: number;
  /** rrweb-snapshot's serialised node tree of the document. */
  sn: unknown;
}

/** The answer to a snapshot upload the server took (200): false when that hash was stored already. */
export interface SnapshotAccepted {
  stored: boolean;
}

/** The answer to a snapshot upload the server refused (4xx): the reason and, when one is to blame, the field. */
export interface SnapshotRefused {
  error: RejectReason;
  field?: string;
  message: string;
}

/**
 * FNV-1a 32-bit hash of `text` (UTF-16 code units), as 8 lower-case hex digits: the
 * selector hash `sh` and the snapshot hash `h`. Here so that the server checks a snapshot's
 * hash with the same function the SDK made it with.
 */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Largest snapshot body after decompression, bytes. */
export const MAX_SNAPSHOT_BYTES = 4_194_304;

/** Reasons the server gives for refusing a whole batch or one event. */
export const RejectReason = {
  invalidJson: 'invalid_json',
  invalidBatch: 'invalid_batch',
  unsupportedVersion: 'unsupported_version',
  tooManyEvents: 'too_many_events',
  bodyTooLarge: 'body_too_large',
  invalidGzip: 'invalid_gzip',
  unsupportedMediaType: 'unsupported_media_type',
  unknownSite: 'unknown_site',
  originNotAllowed: 'origin_not_allowed',
  rateLimited: 'rate_limited',
  missingField: 'missing_field',
  invalidField: 'invalid_field',
  unknownType: 'unknown_type',
  timestampOutOfRange: 'timestamp_out_of_range',
  storeUnavailable: 'store_unavailable',
  /** A snapshot upload for a site whose snapshot rate is 0. */
  snapshotsOff: 'snapshots_off',
} as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];

/** One refused event in a batch answer. */
export interface EventRejection {
  /** Index of the event in the batch's `e` array. */
  index: number;
  reason: RejectReason;
  /** The offending field, when one is to blame. */
  field?: string;
  /** What was wrong and what to do, in words. */
  message: string;
}

/** The answer to a batch the server took (200): what it kept and what it refused. */
export interface BatchAccepted {
  accepted: number;
  rejected: EventRejection[];
}

/** The answer to a batch the server refused whole (4xx/5xx). */
export interface BatchError {
  error: RejectReason;
  message: string;
  /** When no event of the batch was valid: each one with its reason. */
  rejected?: EventRejection[];
}
