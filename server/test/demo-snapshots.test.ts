/**
 * The demo's heatmap backdrops are snapshots of the demo pages committed in
 * `src/demo/snapshots.json.gz`; when the pages change, they must be taken again, or the
 * backdrop would show a page the demo shop no longer serves. The seed stores them, and the
 * API serves them for every demo page and device class.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureDemo } from '../scripts/measure-demo-layout.js';
import type { SnapshotAnswer } from '../src/api/answers.js';
import { createApp } from '../src/app.js';
import { loadDemoSnapshots, seedDemoSnapshots } from '../src/demo/demo-snapshots.js';
import { DEMO_PAGES } from '../src/demo/layout.js';
import { silentLogger } from '../src/log.js';
import { siteRegistry } from '../src/store/sites.js';
import { freshStore, type TestStore } from './helpers/store.js';

const HINT =
  'the demo pages changed: run `pnpm --filter @heatfunnel/server measure-demo` and commit snapshots.json.gz';

let db: TestStore;
beforeAll(async () => {
  db = await freshStore([{ key: 'demo', name: 'Demo shop', origins: [] }]);
});
afterAll(() => db.cleanup());

describe('demo snapshots', () => {
  it('match the demo pages as Chromium serialises them now', async () => {
    const committed = loadDemoSnapshots();
    const { snapshots } = await measureDemo();
    for (const [device, pages] of Object.entries(snapshots) as [
      keyof typeof snapshots,
      typeof snapshots.desktop,
    ][]) {
      for (const { pageKey } of DEMO_PAGES) {
        const now = pages[pageKey];
        const before = committed[device][pageKey];
        expect(before, `${device} ${pageKey}: ${HINT}`).toBeDefined();
        expect(before?.h, `${device} ${pageKey}: ${HINT}`).toBe(now?.h);
        expect(before?.vw, `${device} ${pageKey}: ${HINT}`).toBe(now?.vw);
        // A few pixels of font difference between machines do not matter; a longer page does.
        expect(
          Math.abs((before?.dh ?? 0) - (now?.dh ?? 0)),
          `${device} ${pageKey}: ${HINT}`,
        ).toBeLessThanOrEqual(8);
      }
    }
  });

  it('are stored by the seed and served for every demo page and device class', async () => {
    const app = createApp({ store: db.store, sites: siteRegistry(db.store), log: silentLogger });
    const stored = await seedDemoSnapshots(db.store, { origin: 'http://127.0.0.1:9999' });
    expect(stored).toBe(DEMO_PAGES.length * 3);
    for (const device of ['desktop', 'tablet', 'mobile'] as const) {
      for (const { pageKey, url } of DEMO_PAGES) {
        const q = new URLSearchParams({ site: 'demo', page: pageKey, device });
        const answer = (await (await app.request(`/api/snapshot?${q}`)).json()) as SnapshotAnswer;
        expect(answer.snapshot, `${device} ${pageKey}`).toMatchObject({
          device,
          fallback: false,
          url: `http://127.0.0.1:9999${url}`,
          viewportWidth: { desktop: 1280, tablet: 820, mobile: 390 }[device],
        });
        // The serialised page carries the shop's stylesheet inline: the backdrop needs no request.
        expect(JSON.stringify(answer.snapshot?.node)).toContain('header.top');
      }
    }
  });
});
