/**
 * A tiny stand-in for the Heatfunnel server in browser tests: serves the fixture pages and
 * the built SDK, and records every request to `/v1/batch` exactly as the browser sent it,
 * and every snapshot script request and snapshot upload (`/v1/snapshot.js`, `/v1/snapshot`).
 * `/slow.png?ms=N` answers after N ms, to hold a page's load event.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Batch, SnapshotUpload } from '../src/protocol';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const DIST = join(import.meta.dirname, '..', 'dist');

/** One request the SDK made to the batch endpoint. */
export interface RecordedBatch {
  query: string;
  headers: IncomingHttpHeaders;
  /** Body as sent (gunzipped when marked gzip), parsed. */
  batch: Batch;
  /** Bytes on the wire. */
  bytes: number;
  /** Status the fake server answered with, and when the request arrived (ms). */
  status: number;
  at: number;
}

const inOrder = <T extends { id: string }>(events: T[]) =>
  events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** One snapshot upload as the browser sent it. */
export interface RecordedSnapshot {
  query: string;
  headers: IncomingHttpHeaders;
  upload: SnapshotUpload;
  /** Bytes on the wire. */
  bytes: number;
}

/** One request for the snapshot script: its query and when it arrived (ms). */
export interface RecordedScript {
  query: URLSearchParams;
  at: number;
}

const PIXEL = Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64');

/** How the fake server answers the n-th batch request (0-based); default 200. */
export type Answer = (n: number) => { status: number; headers?: Record<string, string> };

/** Starts the server on 127.0.0.1, port 0. Pages: `/<fixture>.html` or any path mapped by `route`. */
export async function startIngestServer(route: (path: string) => string = (p) => p) {
  const batches: RecordedBatch[] = [];
  const snapshotScripts: RecordedScript[] = [];
  const snapshots: RecordedSnapshot[] = [];
  let wantSnapshots = false;
  let answer: Answer = () => ({ status: 200 });
  let requestCount = 0;
  const server = createServer((req, res) => {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST' })
        .end();
      return;
    }
    if (path === '/v1/snapshot.js') {
      snapshotScripts.push({ query: new URLSearchParams(query), at: Date.now() });
      const entry = wantSnapshots ? readFileSync(join(DIST, 'heatfunnel-snapshot.js')) : '';
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(entry);
      return;
    }
    if (path === '/slow.png') {
      const ms = Number(new URLSearchParams(query).get('ms') ?? 500);
      setTimeout(() => res.writeHead(200, { 'Content-Type': 'image/gif' }).end(PIXEL), ms);
      return;
    }
    if (path === '/v1/snapshot' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const gzip = /(^|&)gz=1(&|$)/.test(query);
        const upload = JSON.parse((gzip ? gunzipSync(raw) : raw).toString('utf8')) as SnapshotUpload;
        snapshots.push({ query, headers: req.headers, upload, bytes: raw.length });
        res
          .writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' })
          .end('{"stored":true}');
      });
      return;
    }
    if (path === '/v1/batch' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const gzip = /(^|&)gz=1(&|$)/.test(query) || req.headers['content-encoding'] === 'gzip';
        const text = (gzip ? gunzipSync(raw) : raw).toString('utf8');
        const { status, headers = {} } = answer(requestCount++);
        const batch = JSON.parse(text) as Batch;
        batches.push({ query, headers: req.headers, batch, bytes: raw.length, status, at: Date.now() });
        res
          .writeHead(status, {
            'Content-Type': 'application/json',
            'Access-Control-Allow-Origin': '*',
            'Access-Control-Expose-Headers': 'Retry-After',
            ...headers,
          })
          .end(
            status === 200 ? '{"accepted":0,"rejected":[]}' : '{"error":"store_unavailable","message":"x"}',
          );
      });
      return;
    }
    try {
      const built = /^\/heatfunnel\.m?js$/.test(path);
      const file = built ? join(DIST, path.slice(1)) : join(FIXTURES, route(path));
      const type = /\.m?js$/.test(file) ? 'text/javascript' : 'text/html; charset=utf-8';
      const content = readFileSync(file);
      // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
      const isolated = path === '/many.html' || built;
      const isolation = isolated
        ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
        : {};
      // no-store keeps every test's page fresh, but makes Chromium keep the page out of
      // the back/forward cache: `?bfcache=1` asks for a cacheable page.
      const cache = /(^|&)bfcache=1(&|$)/.test(query) ? 'no-cache' : 'no-store';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache, ...isolation }).end(content);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    snapshotScripts,
    snapshots,
    /** Answer snapshot script requests with the real entry (true) or an empty script (false, the default). */
    wantSnapshots(want: boolean) {
      wantSnapshots = want;
    },
    /** Resolves once `count` snapshot uploads arrived; rejects after `timeoutMs`. */
    async waitForSnapshots(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (snapshots.length < count) {
        if (Date.now() > until)
          throw new Error(`expected ${count} snapshot uploads, got ${snapshots.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return snapshots;
    },
    /**
     * Every event received so far, in the order the page made them (UUIDv7 ids sort so):
     * a timed fetch and a beacon can arrive in either order.
     */
    events: () => inOrder(batches.flatMap((b) => b.batch.e)),
    /** Events of the batches answered 200 (what a real server would have stored), in order made. */
    accepted: () => inOrder(batches.filter((b) => b.status === 200).flatMap((b) => b.batch.e)),
    /** Sets how the next batch requests are answered. */
    answer(fn: Answer) {
      answer = fn;
    },
    /** Resolves once `count` events arrived; rejects after `timeoutMs`. */
    async waitForEvents(count: number, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (batches.flatMap((b) => b.batch.e).length < count) {
        if (Date.now() > until) {
          const got = batches.map((b) => b.batch.e.map((e) => e.t).join(','));
          throw new Error(
            `expected ${count} events, got ${JSON.stringify(got)} in ${batches.length} batches`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return inOrder(batches.flatMap((b) => b.batch.e));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The server's interface. */
export type IngestServer = Awaited<ReturnType<typeof startIngestServer>>;
