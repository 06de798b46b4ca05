/**
 * Snapshots of the demo shop's pages at each device class's reference width, taken in
 * Chromium by `scripts/measure-demo-layout.ts` (committed gzipped beside layout.json), so
 * the demo's heatmaps have a snapshot backdrop from the first start.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import { insertSnapshots, type SnapshotRow } from '../ingest/snapshot-store.js';
import type { Store } from '../store/store.js';
import { DEMO_PAGES } from './layout.js';
import { DEMO_SITE } from './shop-routes.js';

/** The committed snapshots: gzipped JSON, `DemoSnapshots`. */
export const DEMO_SNAPSHOT_FILE = new URL('./snapshots.json.gz', import.meta.url);

/** One page's snapshot as taken: viewport and document size, content hash, serialised tree. */
export interface TakenSnapshot {
  vw: number;
  vh: number;
  dw: number;
  dh: number;
  /** FNV-1a 32-bit hex of the serialised tree, as the SDK hashes its snapshots. */
  h: string;
  sn: unknown;
}

export type DemoSnapshots = Record<DeviceClass, Record<string, TakenSnapshot>>;

/** The committed demo snapshots. */
export function loadDemoSnapshots(): DemoSnapshots {
  return JSON.parse(gunzipSync(readFileSync(DEMO_SNAPSHOT_FILE)).toString('utf8')) as DemoSnapshots;
}

/** Stores the demo shop's snapshots for the site `demo`; resolves with how many. */
export async function seedDemoSnapshots(
  store: Store,
  { origin = 'http://127.0.0.1:8080', now = Date.now() }: { origin?: string; now?: number } = {},
): Promise<number> {
  const snapshots = loadDemoSnapshots();
  const rows: SnapshotRow[] = [];
  for (const [device, pages] of Object.entries(snapshots) as [DeviceClass, Record<string, TakenSnapshot>][]) {
    for (const { pageKey, url } of DEMO_PAGES) {
      const taken = pages[pageKey];
      if (!taken) continue;
      rows.push({
        site: DEMO_SITE,
        page_key: pageKey,
        device,
        hash: taken.h,
        url: `${origin}${url}`,
        viewport_width: taken.vw,
        viewport_height: taken.vh,
        doc_width: taken.dw,
        doc_height: taken.dh,
        taken_at: now,
        received_at: now,
        body: JSON.stringify(taken.sn),
      });
    }
  }
  await insertSnapshots(store, rows);
  return rows.length;
}
