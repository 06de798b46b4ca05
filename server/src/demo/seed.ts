/**
 * Demo data: visitors walking the shop's funnel (home → list → product → cart → checkout
 * → order), clicking mostly on buttons and links where the pages really have them,
 * scrolling, and marking funnel steps, plus the pages' snapshots as heatmap backdrops.
 * Deterministic for a given seed.
 */
import type { DeviceClass, WireEvent } from '@heatfunnel/sdk/protocol';
import { type EventRow, eventRow } from '../ingest/event-row.js';
import type { Store } from '../store/store.js';
import { writeEvents } from '../store/write-events.js';
import { seedDemoSnapshots } from './demo-snapshots.js';
import { DEMO_PAGES, demoLayout, type LaidOutPage } from './layout.js';
import { seedDemoMiniTaps } from './mini-taps.js';
import { DEMO_SITE } from './shop-routes.js';

export interface SeedOptions {
  /** About how many events to write. */
  events?: number;
  /** Spread over this many days ending at `now`. */
  days?: number;
  now?: number;
  seed?: number;
  /** Origin the demo shop is served from, for the page URLs. */
  origin?: string;
  /** Called with the number of events written so far. */
  onProgress?: (written: number) => void;
}

const DEVICES: [DeviceClass, number, { vw: number; vh: number }][] = [
  ['mobile', 0.5, { vw: 390, vh: 740 }],
  ['desktop', 0.44, { vw: 1280, vh: 800 }],
  ['tablet', 0.06, { vw: 820, vh: 1100 }],
];
const CHANNELS: [string, number][] = [
  ['', 0.35],
  ['wechat', 0.3],
  ['baidu', 0.2],
  ['douyin', 0.15],
];
const CLICK_WEIGHT = { primary: 10, control: 3, content: 0.6 } as const;

// Each page's [element index, share of clicks], worked out once per laid-out page.
const clickShares = new WeakMap<LaidOutPage, [number, number][]>();
function clickWeights(layout: LaidOutPage): [number, number][] {
  let shares = clickShares.get(layout);
  if (!shares) {
    const total = layout.elements.reduce((sum, el) => sum + CLICK_WEIGHT[el.kind], 0);
    shares = layout.elements.map((el, index): [number, number] => [index, CLICK_WEIGHT[el.kind] / total]);
    clickShares.set(layout, shares);
  }
  return shares;
}
const CHUNK = 20_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** mulberry32: a small, fast, seedable generator, so demo data is reproducible. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes demo events and page snapshots for the demo site; resolves with the number of events written. */
export async function seedDemo(store: Store, options: SeedOptions = {}): Promise<number> {
  const { events: target = 300_000, days = 14, now = Date.now(), seed = 42, onProgress } = options;
  const origin = options.origin ?? 'http://127.0.0.1:8080';
  await seedDemoSnapshots(store, { origin, now });
  const rand = random(seed);
  const pick = <T>(items: [T, number, ...unknown[]][]): [T, number, ...unknown[]] => {
    let r = rand();
    for (const item of items) {
      r -= item[1];
      if (r < 0) return item;
    }
    return items[items.length - 1] as [T, number, ...unknown[]];
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 3) | 8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  // Centre-weighted: people aim for the middle of what they click.
  const aim = () => Math.min(0.98, Math.max(0.02, 0.5 + (rand() + rand() + rand() - 1.5) * 0.35));

  let buffer: EventRow[] = [];
  let written = await seedDemoMiniTaps(store, { events: target, days, now, seed });
  const flush = async () => {
    await writeEvents(store, buffer);
    written += buffer.length;
    buffer = [];
    onProgress?.(written);
  };

  while (written + buffer.length < target) {
    const [device, , viewport] = pick(DEVICES) as [DeviceClass, number, { vw: number; vh: number }];
    const [channel] = pick(CHANNELS);
    const anon = uuid();
    const session = uuid();
    const dayOffset = Math.floor(rand() * days);
    // Busier in the evening, as shops are.
    const hour = Math.min(23, Math.floor(8 + rand() * 10 + rand() * 6));
    const dayStart = Math.floor(now / DAY_MS) * DAY_MS - dayOffset * DAY_MS;
    let ts = dayStart + hour * HOUR_MS + rand() * HOUR_MS;
    // A session must end before now: today's later hours have not happened yet.
    if (ts > now - 3 * HOUR_MS) ts -= DAY_MS;

    const visit = (pageIndex: number, clicks: number) => {
      const spec = DEMO_PAGES[pageIndex] ?? DEMO_PAGES[0];
      const layout = demoLayout[device][spec.pageKey] as LaidOutPage;
      const path =
        spec.pageKey === '/demo/product/:id' ? `/demo/product/${1 + Math.floor(rand() * 12)}` : spec.url;
      const common = {
        a: anon,
        s: session,
        p: 'web' as const,
        url: `${origin}${path}`,
        pk: spec.pageKey,
        ch: channel,
        vw: viewport.vw,
        vh: viewport.vh,
        dw: layout.width,
        dh: layout.height,
      };
      const add = (event: WireEvent) => buffer.push(eventRow(DEMO_SITE, event, event.ts + 200));
      ts += 1_000 + rand() * 4_000;
      add({ ...common, id: uuid(), t: 'pageview', ts });
      const weights = clickWeights(layout);
      for (let i = 0; i < clicks; i++) {
        const [index] = pick(weights);
        const el = layout.elements[index];
        if (!el) continue;
        const ex = aim();
        const ey = aim();
        ts += 800 + rand() * 6_000;
        add({
          ...common,
          id: uuid(),
          t: 'click',
          ts,
          x: Math.round(el.x + ex * el.w),
          y: Math.round(el.y + ey * el.h),
          sel: el.sel,
          sh: el.sh,
          ex,
          ey,
          ew: el.w,
          eh: el.h,
          ...(el.href ? { href: el.href } : {}),
        });
      }
      // Most visitors stop in the upper half; a few read to the end.
      const reach = Math.min(
        layout.height,
        viewport.vh + Math.round(rand() ** 1.6 * (layout.height - viewport.vh)),
      );
      ts += 500 + rand() * 3_000;
      add({ ...common, id: uuid(), t: 'scroll', ts, md: reach });
      return common;
    };
    const step = (base: ReturnType<typeof visit>, name: string) => {
      ts += 300;
      buffer.push(
        eventRow(DEMO_SITE, { ...base, id: uuid(), t: 'step', ts, f: 'purchase', st: name }, ts + 200),
      );
    };

    const clicks = () => 1 + Math.floor(rand() * 3);
    visit(0, clicks());
    if (rand() < 0.75) {
      visit(1, clicks());
      const products = rand() < 0.6 ? 1 + Math.floor(rand() * 3) : 0;
      let product: ReturnType<typeof visit> | undefined;
      for (let i = 0; i < products; i++) product = visit(2, clicks());
      if (product && rand() < 0.35) {
        step(product, 'add_to_cart');
        visit(3, clicks());
        if (rand() < 0.55) {
          const checkout = visit(4, clicks());
          step(checkout, 'checkout');
          if (rand() < 0.6) step(checkout, 'order');
        }
      }
    }
    if (buffer.length >= CHUNK) await flush();
  }
  if (buffer.length > 0) await flush();
  return written;
}
