/**
 * The snapshots table (migration 0105) as ingest sees it: when a page and device class last
 * got a snapshot, whether a hash is stored, and writing rows (uploads, and the demo's committed
 * snapshots). Rare calls, straight to the store (no spool): a lost snapshot is asked for again.
 */
import type { DeviceClass, SnapshotUpload } from '@heatfunnel/sdk/protocol';
import type { Store } from '../store/store.js';

/** Where one page's snapshots are kept. */
export interface SnapshotKey {
  site: string;
  pageKey: string;
  device: DeviceClass;
}

export interface SnapshotStore {
  /** When the newest snapshot of `key` was received (ms), and when the newest with `hash` was. */
  latest(key: SnapshotKey, hash?: string): Promise<{ at: number | undefined; hashAt: number | undefined }>;
  /** Stores `upload` with its tree `body` for `site`, received at `receivedAt` (ms). */
  save(site: string, upload: SnapshotUpload, body: string, receivedAt: number): Promise<void>;
}

/** A row of the snapshots table (migration 0105), times in ms since the epoch. */
export interface SnapshotRow {
  site: string;
  page_key: string;
  device: DeviceClass;
  hash: string;
  url: string;
  viewport_width: number;
  viewport_height: number;
  doc_width: number;
  doc_height: number;
  taken_at: number;
  received_at: number;
  /** The serialised tree as JSON text. */
  body: string;
}

/** Writes snapshot rows in one insert: the one place rows are encoded (ms times, whole pixels). */
export async function insertSnapshots(store: Store, rows: readonly SnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  await store.client.insert({
    table: store.table('snapshots'),
    values: rows.map((row) => ({
      ...row,
      viewport_width: Math.round(row.viewport_width),
      viewport_height: Math.round(row.viewport_height),
      doc_width: Math.round(row.doc_width),
      doc_height: Math.round(row.doc_height),
      taken_at: Math.round(row.taken_at),
      received_at: Math.round(row.received_at),
    })),
    format: 'JSONEachRow',
  });
}

/** The snapshots table of `store`. */
export function snapshotStore(store: Store): SnapshotStore {
  const table = store.table('snapshots');
  return {
    async latest({ site, pageKey, device }, hash = '') {
      const result = await store.client.query({
        query: `SELECT count() AS n, toUnixTimestamp64Milli(max(received_at)) AS at,
            countIf(hash = {hash:String}) AS same,
            toUnixTimestamp64Milli(maxIf(received_at, hash = {hash:String})) AS hash_at
          FROM ${table}
          WHERE site = {site:String} AND page_key = {pageKey:String} AND device = {device:String}`,
        query_params: { site, pageKey, device, hash },
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ n: number; at: number; same: number; hash_at: number }>();
      return {
        at: row && Number(row.n) > 0 ? Number(row.at) : undefined,
        hashAt: row && Number(row.same) > 0 ? Number(row.hash_at) : undefined,
      };
    },
    async save(site, upload, body, receivedAt) {
      await insertSnapshots(store, [
        {
          site,
          page_key: upload.pk,
          device: upload.dc,
          hash: upload.h,
          url: upload.url,
          viewport_width: upload.vw,
          viewport_height: upload.vh,
          doc_width: upload.dw,
          doc_height: upload.dh,
          taken_at: upload.ts,
          received_at: receivedAt,
          body,
        },
      ]);
    },
  };
}
