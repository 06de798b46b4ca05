/**
 * `POST /v1/batch`: decode, validate every event, keep the valid ones, and answer with
 * each rejected event's index and reason. The answer comes only after the store has the
 * events, so an acknowledged event is never lost.
 */
import {
  type BatchAccepted,
  type BatchError,
  type EventRejection,
  GZIP_QUERY_FLAG,
  LIMITS,
  RejectReason,
} from '@heatfunnel/sdk/protocol';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { SiteRegistry } from '../store/sites.js';
import { acceptedContentType, decodeBody } from './decode-body.js';
import { type EventRow, eventRow } from './event-row.js';
import { validateBatch } from './validate-batch.js';
import { validateEvent } from './validate-event.js';

export interface BatchRouteOptions {
  sites: SiteRegistry;
  /** Stores rows durably; rejects when the store cannot take them. */
  write: (rows: EventRow[]) => Promise<void>;
  /** Clock, for tests. */
  now?: () => number;
  /** Reports an unexpected failure (logged by the caller). */
  onError?: (error: unknown) => void;
}

/** The batch endpoint as a Hono sub-app mounted at `/v1/batch`. */
export const batchRoute = ({ sites, write, now = Date.now, onError = () => {} }: BatchRouteOptions) => {
  const app = new Hono();
  const error = (status: 400 | 401 | 413 | 415 | 503, body: BatchError, headers?: Record<string, string>) =>
    Response.json(body, { status, headers });

  // Shops post from their own origins; text/plain bodies need no preflight, but the SDK
  // reads the answer, so the response must name the origin.
  app.use('*', cors({ origin: (origin) => origin, allowMethods: ['POST', 'OPTIONS'], maxAge: 86_400 }));
  app.use(
    '*',
    bodyLimit({
      maxSize: LIMITS.maxBodyBytes,
      onError: () =>
        error(413, {
          error: RejectReason.bodyTooLarge,
          message: `body is larger than ${LIMITS.maxBodyBytes} bytes; send smaller batches`,
        }),
    }),
  );

  app.post('/', async (c) => {
    if (!acceptedContentType(c.req.header('content-type'))) {
      return error(415, {
        error: RejectReason.unsupportedMediaType,
        message: 'Content-Type must be application/json or text/plain',
      });
    }
    const gzip =
      c.req.header('content-encoding')?.toLowerCase() === 'gzip' || c.req.query(GZIP_QUERY_FLAG) === '1';
    const decoded = await decodeBody(new Uint8Array(await c.req.arrayBuffer()), gzip);
    if (!decoded.ok) return error(decoded.status, { error: decoded.error, message: decoded.message });

    const batch = validateBatch(decoded.value);
    if (!batch.ok) return error(batch.status, { error: batch.error, message: batch.message });
    const site = await sites.find(batch.siteKey);
    if (!site) {
      return error(401, {
        error: RejectReason.unknownSite,
        message: `site key "${batch.siteKey}" is not known to this server; check the key in hf('init', { site })`,
      });
    }

    const receivedAt = now();
    const rows: EventRow[] = [];
    const rejected: EventRejection[] = [];
    batch.events.forEach((value, index) => {
      const result = validateEvent(value, receivedAt);
      if ('problem' in result) rejected.push({ index, ...result.problem });
      else rows.push(eventRow(site.key, result.event, receivedAt));
    });
    if (rows.length === 0 && rejected.length > 0) {
      return error(400, {
        error: RejectReason.invalidBatch,
        message: 'no event in the batch is valid; each one is listed in "rejected" with its reason',
        rejected,
      });
    }
    try {
      await write(rows);
    } catch (cause) {
      onError(cause);
      return error(
        503,
        {
          error: RejectReason.storeUnavailable,
          message: 'the event store is unavailable; keep the batch and retry after the Retry-After seconds',
        },
        { 'Retry-After': '5' },
      );
    }
    return c.json<BatchAccepted>({ accepted: rows.length, rejected });
  });
  return app;
};
