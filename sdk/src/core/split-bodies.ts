/**
 * Turns events into `Batch` JSON bodies that each stay under a byte limit (a beacon or a
 * keepalive fetch may carry at most 64 KiB in flight) and the per-batch event limit.
 */
import {
  type Batch,
  MAX_BEACON_BYTES,
  MAX_EVENTS_PER_BATCH,
  PROTOCOL_VERSION,
  type WireEvent,
} from '../protocol';

/** UTF-8 length of `text` in bytes, without TextEncoder (mini-programs may lack it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      // A surrogate pair is one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** One request body and how many events (from the front of the list given) it carries. */
export interface Body {
  body: string;
  count: number;
}

/**
 * The bodies carrying `events` for `site`, each at most `maxBytes` long, in event order. An
 * event too large for any body travels alone (the server then answers for it).
 */
export function splitBodies(
  site: string,
  events: readonly WireEvent[],
  maxBytes: number = MAX_BEACON_BYTES,
  maxEvents: number = MAX_EVENTS_PER_BATCH,
): Body[] {
  const head = JSON.stringify({ k: site, v: PROTOCOL_VERSION, e: [] } satisfies Batch).slice(0, -3);
  const bodies: Body[] = [];
  let parts: string[] = [];
  let size = 0;
  const close = () => {
    if (parts.length) bodies.push({ body: `${head}[${parts.join(',')}]}`, count: parts.length });
    parts = [];
    // `[` and `]}` around the parts, minus the comma the first part does not need.
    size = utf8Length(head) + 2;
  };
  close();
  for (const event of events) {
    const json = JSON.stringify(event);
    const bytes = utf8Length(json) + 1;
    if (parts.length && (size + bytes > maxBytes || parts.length >= maxEvents)) close();
    size += bytes;
    parts.push(json);
  }
  close();
  return bodies;
}
