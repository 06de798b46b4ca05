/**
 * `POST /v1/batch`: decode, authenticate the write key, check the Origin and the site's
 * rate, validate every event, enrich the valid ones and hand them to the sink (the
 * durable spool), then answer with each rejected event's index and reason. What is
 * refused goes to the quarantine with its reason.
 */
import {
  type BatchAccepted,
  type BatchError,
  type EventRejection,
  LIMITS,
  RejectReason,
} from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { IngestMetrics } from '../ops/metrics.js';
import type { RowBatch } from '../spool/row-lines.js';
import { SpoolFullError } from '../spool/spool.js';
import type { SiteRegistry } from '../store/sites.js';
import { clientAddress } from './client-address.js';
import { acceptedContentType, decodeBody, isGzipBody } from './decode-body.js';
import { enrich } from './enrich.js';
import { requestColumns, rowLine } from './event-row.js';
import { originAllowed } from './origin.js';
import { MAX_PAYLOAD, payloadOf, type Quarantine } from './quarantine.js';
import type { RateLimiter } from './rate-limit.js';
import { shopCors } from './shop-cors.js';
import { validateBatch } from './validate-batch.js';
import { validateEvent } from './validate-event.js';

export interface BatchRouteOptions {
  sites: SiteRegistry;
  /** Keeps rows durably; rejects when it cannot take them. */
  write: (rows: RowBatch) => Promise<void>;
  quarantine?: Quarantine;
  metrics?: IngestMetrics;
  limiter?: RateLimiter;
  /** Batches per second per site when the site sets none; 0 for no limit. */
  defaultRate?: number;
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy?: boolean;
  /** Clock, for tests. */
  now?: () => number;
  /** Reports an unexpected failure (logged by the caller). */
  onError?: (error: unknown) => void;
}

type ErrorStatus = 400 | 401 | 403 | 413 | 415 | 429 | 503;

/** The batch endpoint as a Hono sub-app mounted at `/v1/batch`. */
export const batchRoute = ({
  sites,
  write,
  quarantine,
  metrics,
  limiter,
  defaultRate = 0,
  trustProxy = false,
  now = Date.now,
  onError = () => {},
}: BatchRouteOptions) => {
  const app = new Hono();
  const refuse = (
    status: ErrorStatus,
    body: BatchError,
    refused: { site?: string; payload?: string; headers?: Record<string, string> } = {},
  ) => {
    metrics?.rejected(body.error);
    quarantine?.add({
      received_at: now(),
      site: refused.site ?? '',
      reason: body.error,
      field: '',
      message: body.message,
      event_index: -1,
      payload: refused.payload ?? '',
    });
    return Response.json(body, { status, headers: refused.headers });
  };

  app.use('*', shopCors());
  // A declared Content-Length is checked without touching the body, so @hono/node-server
  // can read it straight from the socket later (its fast path); only a chunked body is
  // streamed through Hono's limiter, which must look at every chunk.
  const streamLimit = bodyLimit({
    maxSize: LIMITS.maxBodyBytes,
    onError: () => tooLarge(),
  });
  const tooLarge = () =>
    refuse(413, {
      error: RejectReason.bodyTooLarge,
      message: `body is larger than ${LIMITS.maxBodyBytes} bytes; send smaller batches`,
    });
  app.use('*', async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamLimit(c, next);
    if (Number(length) > LIMITS.maxBodyBytes) return tooLarge();
    await next();
    return undefined;
  });

  app.post('/', async (c) => {
    if (!acceptedContentType(c.req.header('content-type'))) {
      return refuse(415, {
        error: RejectReason.unsupportedMediaType,
        message: 'Content-Type must be application/json or text/plain',
      });
    }
    const gzip = isGzipBody(c.req);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const decoded = await decodeBody(raw, gzip);
    const rawPayload = () => Buffer.from(raw.subarray(0, MAX_PAYLOAD)).toString(gzip ? 'base64' : 'utf8');
    if (!decoded.ok)
      return refuse(
        decoded.status,
        { error: decoded.error, message: decoded.message },
        { payload: rawPayload() },
      );

    const batch = validateBatch(decoded.value);
    if (!batch.ok)
      return refuse(batch.status, { error: batch.error, message: batch.message }, { payload: rawPayload() });
    const site = await sites.findByWriteKey(batch.siteKey);
    if (!site) {
      return refuse(
        401,
        {
          error: RejectReason.unknownSite,
          message: `write key "${batch.siteKey.slice(0, 64)}" is not known to this server; check the key in hf('init', { site }) (\`heatfunnel sites list\` shows them)`,
        },
        { site: batch.siteKey.slice(0, 128) },
      );
    }
    const origin = c.req.header('origin');
    if (!originAllowed(origin, site.origins)) {
      return refuse(
        403,
        {
          error: RejectReason.originNotAllowed,
          message: `origin ${origin?.slice(0, 256)} may not send for site "${site.key}"; add it with \`heatfunnel sites add ${site.key} --origin <origin>\``,
        },
        { site: site.key },
      );
    }
    const wait = limiter?.take(site.key, site.rateLimit || defaultRate) ?? 0;
    if (wait > 0) {
      metrics?.rejected(RejectReason.rateLimited);
      return Response.json(
        {
          error: RejectReason.rateLimited,
          message: `site "${site.key}" sends more batches than its limit; retry after ${wait} s, or raise the limit`,
        } satisfies BatchError,
        { status: 429, headers: { 'Retry-After': String(wait) } },
      );
    }

    const receivedAt = now();
    const enrichment = enrich(
      c.req.header('user-agent'),
      clientAddress(c, trustProxy),
      site.ipMode ?? 'truncate',
    );
    const head = requestColumns(site.key, receivedAt, enrichment);
    const rows: RowBatch = { lines: '', count: 0 };
    const rejected: EventRejection[] = [];
    batch.events.forEach((value, index) => {
      const result = validateEvent(value, receivedAt);
      if ('event' in result) {
        rows.lines += rowLine(head, result.event);
        rows.count++;
        return;
      }
      rejected.push({ index, ...result.problem });
      metrics?.rejected(result.problem.reason);
      quarantine?.add({
        received_at: receivedAt,
        site: site.key,
        reason: result.problem.reason,
        field: result.problem.field ?? '',
        message: result.problem.message,
        event_index: index,
        payload: payloadOf(value),
      });
    });
    if (rows.count === 0 && rejected.length > 0) {
      return Response.json(
        {
          error: RejectReason.invalidBatch,
          message: 'no event in the batch is valid; each one is listed in "rejected" with its reason',
          rejected,
        } satisfies BatchError,
        { status: 400 },
      );
    }
    try {
      await write(rows);
    } catch (cause) {
      const full = cause instanceof SpoolFullError;
      if (!full) onError(cause);
      metrics?.rejected(RejectReason.storeUnavailable, rows.count);
      return Response.json(
        {
          error: RejectReason.storeUnavailable,
          message: full
            ? 'the event store is behind and the spool is full; keep the batch and retry after Retry-After seconds'
            : 'the event spool cannot take the batch; keep it and retry after Retry-After seconds',
        } satisfies BatchError,
        { status: 503, headers: { 'Retry-After': full ? '5' : '2' } },
      );
    }
    metrics?.accepted(rows.count);
    return c.json<BatchAccepted>({ accepted: rows.count, rejected });
  });
  return app;
};
