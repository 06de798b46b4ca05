/**
 * The newest page snapshot (rrweb-snapshot's serialised document) of a page key for a
 * device class, or of the nearest device class when that one has none, for the viewer's
 * heatmap backdrop.
 */
import { DEVICE_CLASSES, type DeviceClass } from '@heatfunnel/sdk/protocol';
import type { Store } from '../store/store.js';
import { SqlParams } from './sql-params.js';

/** A stored snapshot as the viewer needs it. */
export interface PageSnapshot {
  /** Device class the snapshot was taken at; differs from the one asked for on a fallback. */
  device: DeviceClass;
  /** True when no snapshot of the asked device class exists and a nearer one stands in. */
  fallback: boolean;
  /** The page's URL when the snapshot was taken. */
  url: string;
  /** Content hash the SDK gave it. */
  hash: string;
  /** When it was taken (client clock), ISO 8601 UTC. */
  takenAt: string;
  /** Viewport and document size when it was taken, CSS px: the width to rebuild it at. */
  viewportWidth: number;
  viewportHeight: number;
  docWidth: number;
  docHeight: number;
  /** rrweb-snapshot's serialised node tree of the document. */
  node: unknown;
}

/**
 * Device classes in the order a snapshot of them should stand in for `device`: itself,
 * then by distance in width order (DEVICE_CLASSES runs from widest to narrowest), the
 * wider one first on a tie, since a wider layout scaled down reads better than a phone's.
 */
export function devicePreference(device: DeviceClass): DeviceClass[] {
  const at = DEVICE_CLASSES.indexOf(device);
  return DEVICE_CLASSES.map((d, i) => ({ d, rank: Math.abs(i - at) * 2 + (i > at ? 1 : 0) }))
    .sort((a, b) => a.rank - b.rank)
    .map((x) => x.d);
}

interface SnapshotRow {
  device: DeviceClass;
  url: string;
  hash: string;
  taken_ms: number;
  viewport_width: number;
  viewport_height: number;
  doc_width: number;
  doc_height: number;
  body: string;
}

/** The newest snapshot of `page` on `site` for `device` (or the nearest device class); null when none. */
export async function pageSnapshot(
  store: Store,
  { site, page, device }: { site: string; page: string; device: DeviceClass },
): Promise<PageSnapshot | null> {
  const params = new SqlParams();
  const preference = params.add(devicePreference(device), 'Array(String)');
  const result = await store.client.query({
    query: `SELECT device, url, hash, toUnixTimestamp64Milli(taken_at) AS taken_ms,
        viewport_width, viewport_height, doc_width, doc_height, body
      FROM ${store.table('snapshots')}
      WHERE site = ${params.add(site, 'String')} AND page_key = ${params.add(page, 'String')}
      ORDER BY indexOf(${preference}, device), taken_at DESC, received_at DESC
      LIMIT 1`,
    query_params: params.values,
    format: 'JSONEachRow',
  });
  const [row] = await result.json<SnapshotRow>();
  if (!row) return null;
  return {
    device: row.device,
    fallback: row.device !== device,
    url: row.url,
    hash: row.hash,
    takenAt: new Date(Number(row.taken_ms)).toISOString(),
    viewportWidth: row.viewport_width,
    viewportHeight: row.viewport_height,
    docWidth: row.doc_width,
    docHeight: row.doc_height,
    node: JSON.parse(row.body),
  };
}
