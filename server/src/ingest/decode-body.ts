/**
 * Turns a request body into a parsed JSON value: checks the content type, gunzips when
 * asked (bounded in size and ratio against gzip bombs) and parses JSON, answering each
 * failure with a reason the SDK author can act on.
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { GZIP_QUERY_FLAG, LIMITS, RejectReason } from '@heatfunnel/sdk/protocol';
import type { HonoRequest } from 'hono';

const gunzipAsync = promisify(gunzip);

/**
 * Gzip bodies up to this size (most SDK batches) are inflated on the main thread: handing a
 * 6 KB body to the thread pool cost 47-79 µs against 19 µs inline, and async gunzip was a
 * quarter of the server's CPU under load. The output cap below bounds the inline work to
 * 16 KB x the ratio limit.
 */
export const INLINE_GUNZIP_BYTES = 16_384;

export type Decoded =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; error: RejectReason; message: string };

const ACCEPTED_TYPES = ['application/json', 'text/plain'];

/** True when the Content-Type is one the batch endpoint reads (a missing one counts as JSON). */
export function acceptedContentType(header: string | undefined): boolean {
  if (!header) return true;
  const type = header.split(';')[0]?.trim().toLowerCase() ?? '';
  return ACCEPTED_TYPES.includes(type);
}

/**
 * True when `req`'s body is gzip: a `Content-Encoding: gzip` header, or the protocol's query
 * flag (beacons cannot set the header, and a fetch that did would need a CORS preflight).
 */
export const isGzipBody = (req: HonoRequest): boolean =>
  req.header('content-encoding')?.toLowerCase() === 'gzip' || req.query(GZIP_QUERY_FLAG) === '1';

export interface DecodeOptions {
  /** Largest body after gunzip, bytes. */
  maxBytes?: number;
  /** What the body should be, for the invalid-JSON message. */
  expected?: string;
  /** What the sender can do about a body that expands past `maxBytes`. */
  tooLargeHint?: string;
}

/** Decodes `body`, gunzipping first when `gzip` is set. */
export async function decodeBody(
  body: Uint8Array,
  gzip: boolean,
  {
    maxBytes = LIMITS.maxDecompressedBytes,
    expected = 'a Batch object',
    tooLargeHint = 'send smaller batches',
  }: DecodeOptions = {},
): Promise<Decoded> {
  let bytes = body;
  if (gzip) {
    // Inflating stops one byte past the ratio limit or at the size limit, whichever is lower.
    const byRatio = body.length * LIMITS.maxCompressionRatio + 1;
    const maxOutputLength = Math.min(maxBytes, byRatio);
    try {
      bytes =
        body.length <= INLINE_GUNZIP_BYTES
          ? gunzipSync(body, { maxOutputLength })
          : await gunzipAsync(body, { maxOutputLength });
    } catch (error) {
      const tooLarge =
        error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      return tooLarge
        ? {
            ok: false,
            status: 413,
            error: RejectReason.bodyTooLarge,
            message:
              maxOutputLength === byRatio
                ? `gzip body expands more than ${LIMITS.maxCompressionRatio}x; refused as a possible gzip bomb`
                : `gzip body expands past ${maxBytes} bytes; ${tooLargeHint}`,
          }
        : {
            ok: false,
            status: 400,
            error: RejectReason.invalidGzip,
            message: 'body is marked gzip (Content-Encoding: gzip or ?gz=1) but is not valid gzip data',
          };
    }
    if (bytes.length > body.length * LIMITS.maxCompressionRatio) {
      return {
        ok: false,
        status: 413,
        error: RejectReason.bodyTooLarge,
        message: `gzip body expands more than ${LIMITS.maxCompressionRatio}x; refused as a possible gzip bomb`,
      };
    }
  }
  try {
    return { ok: true, value: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      error: RejectReason.invalidJson,
      message: `body is not valid JSON (${(error as Error).message}); send ${expected} as JSON`,
    };
  }
}
