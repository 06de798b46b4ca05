/**
 * Checks a decoded `SnapshotUpload` (protocol.ts) field by field, naming the field to blame
 * (decoding, with its gzip guards, is decode-body.ts). The content hash is checked against the
 * tree, so a stored hash always names the body it came with.
 */
import {
  DEVICE_CLASSES,
  type DeviceClass,
  fnv1a,
  LIMITS,
  PROTOCOL_VERSION,
  RejectReason,
  type SnapshotRefused,
  type SnapshotUpload,
} from '@heatfunnel/sdk/protocol';

/** An upload that passed every check, with its tree as JSON text (what the table stores). */
export interface CheckedSnapshot {
  upload: SnapshotUpload;
  body: string;
}

export type SnapshotProblem = SnapshotRefused & { status: 400 | 413 };

const problem = (
  field: string | undefined,
  message: string,
  error: RejectReason = RejectReason.invalidField,
): SnapshotProblem => ({ status: 400, error, ...(field ? { field } : {}), message });

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;
const isPixels = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= LIMITS.maxPixels;

/** Checks `value` as an upload received at `now` (ms) under the write key `key` already checked. */
export function checkSnapshot(value: unknown, now: number, key: string): CheckedSnapshot | SnapshotProblem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem(undefined, 'body must be a SnapshotUpload object', RejectReason.invalidBatch);
  }
  const u = value as Record<string, unknown>;
  const required = ['k', 'v', 'pk', 'url', 'dc', 'vw', 'vh', 'dw', 'dh', 'h', 'ts', 'sn'];
  const missing = required.find((field) => u[field] === undefined || u[field] === null);
  if (missing) return problem(missing, `${missing} is required`, RejectReason.missingField);
  if (u.v !== PROTOCOL_VERSION) {
    return problem('v', `v must be ${PROTOCOL_VERSION}`, RejectReason.unsupportedVersion);
  }
  if (!isText(u.k, LIMITS.maxIdLength)) return problem('k', `k must be the site's write key`);
  // A second "k" later in the body, or a ?k= naming another site, would store under a key never checked.
  if (u.k !== key) return problem('k', 'k must be the write key given first in the body or as ?k=');
  if (!isText(u.pk, LIMITS.maxKeyLength))
    return problem('pk', `pk must be a page key of 1 to ${LIMITS.maxKeyLength} characters`);
  if (!isText(u.url, LIMITS.maxUrlLength))
    return problem('url', `url must be a URL of 1 to ${LIMITS.maxUrlLength} characters`);
  if (!DEVICE_CLASSES.includes(u.dc as DeviceClass))
    return problem('dc', `dc must be one of ${DEVICE_CLASSES.join(', ')}`);
  for (const field of ['vw', 'vh', 'dw', 'dh']) {
    if (!isPixels(u[field])) return problem(field, `${field} must be a number from 0 to ${LIMITS.maxPixels}`);
  }
  if (typeof u.h !== 'string' || !/^[0-9a-f]{8}$/.test(u.h))
    return problem('h', 'h must be the FNV-1a 32-bit hash of sn as 8 lower-case hex digits');
  const ts = u.ts;
  if (typeof ts !== 'number' || ts > now + LIMITS.maxFutureSkewMs || ts < now - LIMITS.maxPastSkewMs) {
    return problem(
      'ts',
      "ts must be the client's time in ms, within 7 days before and 10 minutes after the server's",
    );
  }
  const sn = u.sn as { type?: unknown; childNodes?: unknown };
  if (typeof sn !== 'object' || sn.type !== 0 || !Array.isArray(sn.childNodes)) {
    return problem('sn', "sn must be rrweb-snapshot's serialised document (type 0 with childNodes)");
  }
  const body = JSON.stringify(sn);
  if (fnv1a(body) !== u.h)
    return problem('h', 'h does not match sn: the snapshot was changed or cut on its way');
  return { upload: u as unknown as SnapshotUpload, body };
}
