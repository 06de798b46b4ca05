/**
 * Checks one event against the wire protocol. Each check names the field to blame and
 * says what was expected, so an SDK author can fix the sender from the answer alone.
 */
import {
  ATTENTION_BANDS,
  EVENT_TYPES,
  type EventRejection,
  type EventType,
  LIMITS,
  MAX_CLICK_TEXT,
  PLATFORMS,
  RejectReason,
  TapKind,
  type WireEvent,
} from '@heatfunnel/sdk/protocol';

type Problem = Omit<EventRejection, 'index'>;
type Check = (value: unknown, field: string) => Problem | undefined;

const invalid = (field: string, message: string): Problem => ({
  reason: RejectReason.invalidField,
  field,
  message: `${field} ${message}`,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const string =
  (max: number, min = 1): Check =>
  (value, field) =>
    typeof value !== 'string' || value.length < min || value.length > max
      ? invalid(field, `must be a string of ${min} to ${max} characters`)
      : undefined;

const number =
  (min: number, max: number): Check =>
  (value, field) =>
    typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max
      ? invalid(field, `must be a number from ${min} to ${max}`)
      : undefined;

const oneOf =
  (allowed: readonly unknown[]): Check =>
  (value, field) =>
    allowed.includes(value) ? undefined : invalid(field, `must be one of ${allowed.join(', ')}`);

const uuid: Check = (value, field) =>
  typeof value === 'string' && UUID.test(value)
    ? undefined
    : invalid(field, 'must be a UUID (the SDK makes UUIDv7)');

const flag = oneOf([0, 1]);
const pixels = number(0, LIMITS.maxPixels);
const id = string(LIMITS.maxIdLength);
const name = string(LIMITS.maxNameLength);

const props: Check = (value, field) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(field, 'must be an object');
  for (const item of Object.values(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) {
      return invalid(field, 'values must be strings, numbers or booleans');
    }
  }
  return JSON.stringify(value).length > LIMITS.maxPropsLength
    ? invalid(field, `must serialise to at most ${LIMITS.maxPropsLength} characters`)
    : undefined;
};

const attention: Check = (value, field) =>
  Array.isArray(value) &&
  value.length <= ATTENTION_BANDS &&
  value.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 86_400)
    ? undefined
    : invalid(field, `must be an array of at most ${ATTENTION_BANDS} numbers of seconds`);

interface FieldSpec {
  required: Record<string, Check>;
  optional: Record<string, Check>;
}

const base: FieldSpec = {
  required: {
    id: uuid,
    ts: number(0, Number.MAX_SAFE_INTEGER),
    a: id,
    s: id,
    p: oneOf(PLATFORMS),
    url: string(LIMITS.maxUrlLength),
    pk: string(LIMITS.maxKeyLength),
    vw: pixels,
    vh: pixels,
    dw: pixels,
    dh: pixels,
  },
  optional: { u: id, r: string(LIMITS.maxUrlLength, 0), ch: string(LIMITS.maxNameLength, 0) },
};

const byType: Record<EventType, FieldSpec> = {
  pageview: { required: {}, optional: {} },
  click: {
    required: { x: pixels, y: pixels, sel: string(LIMITS.maxKeyLength) },
    optional: {
      sh: string(16),
      ex: number(0, 1),
      ey: number(0, 1),
      ew: pixels,
      eh: pixels,
      fx: flag,
      rg: flag,
      dd: flag,
      href: string(LIMITS.maxUrlLength, 0),
      tx: string(MAX_CLICK_TEXT, 0),
      cx: pixels,
      cy: pixels,
      sy: pixels,
      tk: oneOf(Object.values(TapKind)),
    },
  },
  scroll: { required: { md: pixels }, optional: { att: attention } },
  step: { required: { f: name, st: name }, optional: { pr: props } },
  custom: { required: { n: name }, optional: { pr: props } },
  identify: { required: { u: id }, optional: {} },
};

type Entries = [string, Check][];
// Field lists as arrays once, not per event: this runs for every event received.
const entriesOf = new Map<FieldSpec, { required: Entries; optional: Entries }>();
const entries = (spec: FieldSpec) => {
  let found = entriesOf.get(spec);
  if (!found) {
    found = { required: Object.entries(spec.required), optional: Object.entries(spec.optional) };
    entriesOf.set(spec, found);
  }
  return found;
};

function checkFields(event: Record<string, unknown>, spec: FieldSpec): Problem | undefined {
  const { required, optional } = entries(spec);
  for (const [field, check] of required) {
    if (event[field] === undefined || event[field] === null) {
      return { reason: RejectReason.missingField, field, message: `${field} is required` };
    }
    const problem = check(event[field], field);
    if (problem) return problem;
  }
  for (const [field, check] of optional) {
    if (event[field] === undefined || event[field] === null) continue;
    const problem = check(event[field], field);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Validates `value` as an event received at `now` (ms). Fields the protocol does not
 * know are ignored, so newer SDKs keep working against an older server.
 */
export function validateEvent(value: unknown, now: number): { event: WireEvent } | { problem: Problem } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: { reason: RejectReason.invalidField, message: 'event must be a JSON object' } };
  }
  const event = value as Record<string, unknown>;
  if (!EVENT_TYPES.includes(event.t as EventType)) {
    return {
      problem: {
        reason: RejectReason.unknownType,
        field: 't',
        message: `t must be one of ${EVENT_TYPES.join(', ')}`,
      },
    };
  }
  const problem = checkFields(event, base) ?? checkFields(event, byType[event.t as EventType]);
  if (problem) return { problem };
  const ts = event.ts as number;
  if (ts > now + LIMITS.maxFutureSkewMs || ts < now - LIMITS.maxPastSkewMs) {
    return {
      problem: {
        reason: RejectReason.timestampOutOfRange,
        field: 'ts',
        message: `ts must be within ${LIMITS.maxPastSkewMs / 86_400_000} days before and ${
          LIMITS.maxFutureSkewMs / 60_000
        } minutes after the server's clock; the event was rejected, not clamped`,
      },
    };
  }
  return { event: event as unknown as WireEvent };
}
