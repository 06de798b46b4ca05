/**
 * The snapshots table (migration 0105) as ingest sees it: when a page and device class last
 * got a snapshot, whether a hash is stored, and writing one. Rare calls, straight to the
 * store (no spool): a lost snapshot is simply asked for again.
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
      await store.client.insert({
        table,
        values: [
          {
            site,
            page_key: upload.pk,
            device: upload.dc,
            hash: upload.h,
            url: upload.url,
            viewport_width: Math.round(upload.vw),
            viewport_height: Math.round(upload.vh),
            doc_width: Math.round(upload.dw),
            doc_height: Math.round(upload.dh),
            taken_at: Math.round(upload.ts),
            received_at: Math.round(receivedAt),
            body,
          },
        ],
        format: 'JSONEachRow',
      });
    },
  };
}
