/**
 * Checks a decoded batch envelope (site key, version, event list) before its events are
 * looked at one by one.
 */
import { LIMITS, PROTOCOL_VERSION, RejectReason } from '@heatfunnel/sdk/protocol';

export type BatchCheck =
  | { ok: true; siteKey: string; events: unknown[] }
  | { ok: false; status: 400 | 413; error: RejectReason; message: string };

/** Validates the envelope of a decoded batch. */
export function validateBatch(value: unknown): BatchCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(
      400,
      RejectReason.invalidBatch,
      'body must be a JSON object {"k": siteKey, "v": 1, "e": [events]}',
    );
  }
  const batch = value as Record<string, unknown>;
  if (typeof batch.k !== 'string' || batch.k.length === 0 || batch.k.length > LIMITS.maxIdLength) {
    return fail(400, RejectReason.invalidBatch, 'k (the site key) must be a non-empty string');
  }
  if (batch.v !== PROTOCOL_VERSION) {
    return fail(
      400,
      RejectReason.unsupportedVersion,
      `v must be ${PROTOCOL_VERSION}, the protocol version this server speaks; upgrade the SDK or the server`,
    );
  }
  if (!Array.isArray(batch.e)) return fail(400, RejectReason.invalidBatch, 'e (the events) must be an array');
  if (batch.e.length > LIMITS.maxEventsPerBatch) {
    return fail(
      413,
      RejectReason.tooManyEvents,
      `a batch holds at most ${LIMITS.maxEventsPerBatch} events, this one ${batch.e.length}; split it`,
    );
  }
  return { ok: true, siteKey: batch.k, events: batch.e };
}

function fail(status: 400 | 413, error: RejectReason, message: string): BatchCheck {
  return { ok: false, status, error, message };
}
