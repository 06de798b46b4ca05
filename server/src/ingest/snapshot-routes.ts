/**
 * Page snapshots for heatmap backdrops (protocol: SNAPSHOT_SCRIPT_PATH, SNAPSHOT_PATH).
 * `GET /v1/snapshot.js?k&vw&pk` answers the SDK's snapshot entry when the policy wants a
 * snapshot of that page and device class, else an empty script the browser may cache for a
 * few minutes (also when the site's budget of store queries is spent). `POST /v1/snapshot`
 * takes the entry's `SnapshotUpload` (text/plain or JSON, gzip by `?gz=1` or
 * Content-Encoding): write key, Origin and the site's rate are checked before the body is
 * inflated in full, parsed and hashed; each hash is stored once.
 */
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import {
  deviceClassOf,
  LIMITS,
  MAX_SNAPSHOT_BYTES,
  RejectReason,
  SNAPSHOT_PATH,
  SNAPSHOT_SCRIPT_PATH,
  type SnapshotAccepted,
  type SnapshotRefused,
} from '@heatfunnel/sdk/protocol';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { SiteRegistry } from '../store/sites.js';
import { acceptedContentType, decodeBody, isGzipBody } from './decode-body.js';
import { originAllowed } from './origin.js';
import { type RateLimiter, rateLimiter } from './rate-limit.js';
import { shopCors } from './shop-cors.js';
import { snapshotWriteKey } from './snapshot-key.js';
import type { SnapshotPolicy } from './snapshot-policy.js';
import type { SnapshotStore } from './snapshot-store.js';
import { checkSnapshot } from './snapshot-upload.js';

export interface SnapshotRoutesOptions {
  sites: SiteRegistry;
  store: SnapshotStore;
  policy: SnapshotPolicy;
  /** The built snapshot entry, `sdk/dist/heatfunnel-snapshot.js`. */
  entryFile: string;
  /** Uploads per second per site (burst twice that). */
  uploadRate?: number;
  /**
   * Store queries per second per site that `GET /v1/snapshot.js` may cause (burst twice that):
   * page keys not seen in the last minute each cost one, so a flood of made-up keys is capped.
   */
  queryRate?: number;
  limiter?: RateLimiter;
  now?: () => number;
  /** Reports an unexpected failure (logged by the caller). */
  onError?: (error: unknown) => void;
}

/** An upload whose hash was received this recently is not written again, ms. */
export const DUPLICATE_WINDOW_MS = 86_400_000;

/** How long a browser may keep the "no snapshot wanted" answer, seconds. */
export const EMPTY_SCRIPT_MAX_AGE = 300;

type Status = 400 | 401 | 403 | 413 | 415 | 429 | 503;

const refuse = (status: Status, body: SnapshotRefused, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

/** The origin of a URL header (Referer), or undefined. */
const originOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/** Both snapshot routes as a Hono app mounted at the root. */
export const snapshotRoutes = ({
  sites,
  store,
  policy,
  entryFile,
  uploadRate = 2,
  queryRate = 10,
  limiter = rateLimiter(),
  now = Date.now,
  onError = () => {},
}: SnapshotRoutesOptions) => {
  const app = new Hono();
  // Read and gzipped once: 80 KB raw, about 26 KB gzipped.
  let entry: Promise<{ raw: Buffer; gzip: Buffer }> | undefined;
  const loadEntry = () => {
    entry ??= readFile(entryFile)
      .then((raw) => ({ raw, gzip: gzipSync(raw, { level: 9 }) }))
      .catch((error) => {
        entry = undefined;
        throw error;
      });
    return entry;
  };

  app.get(SNAPSHOT_SCRIPT_PATH, async (c) => {
    const k = c.req.query('k') ?? '';
    const pk = c.req.query('pk') ?? '';
    const vw = Number(c.req.query('vw'));
    if (!k || k.length > LIMITS.maxIdLength)
      return refuse(400, { error: RejectReason.missingField, field: 'k', message: 'k must be the site key' });
    if (!pk || pk.length > LIMITS.maxKeyLength)
      return refuse(400, {
        error: RejectReason.invalidField,
        field: 'pk',
        message: `pk must be a page key of 1 to ${LIMITS.maxKeyLength} characters`,
      });
    if (!(vw > 0 && vw <= LIMITS.maxPixels))
      return refuse(400, {
        error: RejectReason.invalidField,
        field: 'vw',
        message: 'vw must be the viewport width in CSS px',
      });
    const site = await sites.findByWriteKey(k);
    if (!site)
      return refuse(401, {
        error: RejectReason.unknownSite,
        message: `write key "${k.slice(0, 64)}" is not known to this server`,
      });
    // A script request carries no Origin; its Referer names the page (or just its origin).
    const from = originOf(c.req.header('referer'));
    if (!originAllowed(from, site.origins))
      return refuse(403, {
        error: RejectReason.originNotAllowed,
        message: `pages of ${from} may not send snapshots for site "${site.key}"`,
      });
    const key = { site: site.key, pageKey: pk, device: deviceClassOf(vw) };
    let wanted = false;
    try {
      // Over the budget the page gets the empty script: it asks again after its cache expires.
      const mayQuery = () => limiter.take(`snapshot-query:${site.key}`, queryRate) === 0;
      wanted = await policy.wants(key, site.snapshotRate ?? 1, mayQuery);
    } catch (error) {
      onError(error);
    }
    const js = { 'Content-Type': 'text/javascript; charset=utf-8' };
    if (wanted) {
      try {
        const { raw, gzip } = await loadEntry();
        const zipped = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
        return c.body(new Uint8Array(zipped ? gzip : raw), 200, {
          ...js,
          'Cache-Control': 'no-store',
          Vary: 'Accept-Encoding',
          ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
        });
      } catch (error) {
        onError(error);
      }
    }
    return c.body('', 200, { ...js, 'Cache-Control': `public, max-age=${EMPTY_SCRIPT_MAX_AGE}` });
  });

  app.use(SNAPSHOT_PATH, shopCors());
  const tooLarge = () =>
    refuse(413, {
      error: RejectReason.bodyTooLarge,
      message: `snapshot body is larger than ${MAX_SNAPSHOT_BYTES} bytes; such a page is not snapshotted`,
    });
  app.use(SNAPSHOT_PATH, bodyLimit({ maxSize: MAX_SNAPSHOT_BYTES, onError: tooLarge }));

  app.post(SNAPSHOT_PATH, async (c: Context) => {
    if (!acceptedContentType(c.req.header('content-type')))
      return refuse(415, {
        error: RejectReason.unsupportedMediaType,
        message: 'Content-Type must be text/plain or application/json',
      });
    const gzip = isGzipBody(c.req);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    // Key, Origin and rate first: the parse and hash below cost milliseconds for a large page.
    const keyed = await snapshotWriteKey(raw, gzip, c.req.query('k'));
    if ('status' in keyed) {
      const { status, ...body } = keyed;
      return refuse(status, body);
    }
    const site = await sites.findByWriteKey(keyed.key);
    if (!site)
      return refuse(401, {
        error: RejectReason.unknownSite,
        field: 'k',
        message: `write key "${keyed.key.slice(0, 64)}" is not known to this server; check the key in hf('init', { site })`,
      });
    const origin = c.req.header('origin');
    if (!originAllowed(origin, site.origins))
      return refuse(403, {
        error: RejectReason.originNotAllowed,
        message: `origin ${origin?.slice(0, 256)} may not send for site "${site.key}"; add it with \`heatfunnel sites add ${site.key} --origin <origin>\``,
      });
    if ((site.snapshotRate ?? 1) <= 0)
      return refuse(403, {
        error: RejectReason.snapshotsOff,
        message: `site "${site.key}" takes no snapshots (snapshot rate 0); \`heatfunnel sites add ${site.key} --snapshot-rate 1\` turns them on`,
      });
    const wait = limiter.take(`snapshot:${site.key}`, uploadRate);
    if (wait > 0)
      return refuse(
        429,
        {
          error: RejectReason.rateLimited,
          message: `too many snapshots for site "${site.key}"; retry after ${wait} s`,
        },
        { 'Retry-After': String(wait) },
      );
    const decoded = await decodeBody(raw, gzip, {
      maxBytes: MAX_SNAPSHOT_BYTES,
      expected: 'a SnapshotUpload',
      tooLargeHint: 'such a page is not snapshotted',
    });
    if (!decoded.ok) {
      const { ok: _ok, status, ...body } = decoded;
      return refuse(status, body);
    }
    const receivedAt = now();
    const checked = checkSnapshot(decoded.value, receivedAt, keyed.key);
    if ('status' in checked) {
      const { status, ...body } = checked;
      return refuse(status, body);
    }
    const { upload, body } = checked;
    const key = { site: site.key, pageKey: upload.pk, device: upload.dc };
    try {
      const { hashAt } = await store.latest(key, upload.h);
      // The same page within a day (two visitors asked at once, a retry): kept once. Later,
      // the row is written again to mark it as seen now; the table keeps one row per hash.
      if (hashAt !== undefined && receivedAt - hashAt < DUPLICATE_WINDOW_MS) {
        return c.json<SnapshotAccepted>({ stored: false });
      }
      await store.save(site.key, upload, body, receivedAt);
    } catch (error) {
      onError(error);
      return refuse(
        503,
        {
          error: RejectReason.storeUnavailable,
          message: 'the snapshot store cannot take it now; retry later',
        },
        { 'Retry-After': '60' },
      );
    }
    policy.stored(key);
    return c.json<SnapshotAccepted>({ stored: true });
  });
  return app;
};
