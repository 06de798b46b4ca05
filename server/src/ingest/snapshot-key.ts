/**
 * The write key of a snapshot upload, found without parsing the upload: from `?k=`, else from
 * the body's first field (the SDK's entry writes `{"k":"<key>",...`), gunzipping only the
 * first kilobytes. The key, Origin and rate limit are checked before the costly parse and hash,
 * so a caller without a known key gets a 401 for the price of a peek.
 */
import { createGunzip } from 'node:zlib';
import { LIMITS, RejectReason } from '@heatfunnel/sdk/protocol';
import type { SnapshotProblem } from './snapshot-upload.js';

/** The most bytes inflated to find the key in a gzip body. */
export const KEY_PEEK_BYTES = 4096;

const FIRST_FIELD = new RegExp(`^\\s*\\{\\s*"k"\\s*:\\s*"([^"\\\\]{1,${LIMITS.maxIdLength}})"`);

/** The first `KEY_PEEK_BYTES` (at most) of a gzip body, inflated; rejects on bad gzip. */
function gunzipHead(body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: KEY_PEEK_BYTES });
    let head: Buffer | undefined;
    // The first chunk is all we read: destroying the stream stops the inflating there.
    gunzip.once('data', (chunk: Buffer) => {
      head = chunk;
      resolve(chunk);
      gunzip.destroy();
    });
    gunzip.once('end', () => resolve(head ?? Buffer.alloc(0)));
    // A fault past the first chunk is for the full decode to name.
    gunzip.once('error', (error) => {
      if (!head) reject(error);
    });
    gunzip.end(body);
  });
}

const missingKey = (): SnapshotProblem => ({
  status: 400,
  error: RejectReason.missingField,
  field: 'k',
  message:
    'the write key must be the upload\'s first field ({"k":"<key>",...}, as the SDK sends it) or given as ?k=<key>',
});

/** The upload's write key: `?k=` when given, else the body's first field, or the problem. */
export async function snapshotWriteKey(
  body: Uint8Array,
  gzip: boolean,
  query: string | undefined,
): Promise<{ key: string } | SnapshotProblem> {
  if (query !== undefined) {
    return query.length > 0 && query.length <= LIMITS.maxIdLength ? { key: query } : missingKey();
  }
  let head: Uint8Array;
  try {
    head = gzip ? await gunzipHead(body) : body.subarray(0, KEY_PEEK_BYTES);
  } catch {
    return {
      status: 400,
      error: RejectReason.invalidGzip,
      message: 'body is marked gzip (?gz=1 or Content-Encoding: gzip) but is not valid gzip data',
    };
  }
  const key = FIRST_FIELD.exec(new TextDecoder().decode(head))?.[1];
  return key ? { key } : missingKey();
}
