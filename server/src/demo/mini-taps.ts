/**
 * Demo data for a WeChat mini-program page: taps on a goods page from phones of four widths,
 * as the mini SDK sends them (page point, viewport point, scroll top, long presses), so the
 * viewer shows a width-normalised mini-program heatmap after `npm start` (page
 * `/pages/goods/index`, device Mobile). Deterministic for a given seed.
 */
import type { WireEvent } from '@heatfunnel/sdk/protocol';
import { type EventRow, eventRow } from '../ingest/event-row.js';
import type { Store } from '../store/store.js';
import { writeEvents } from '../store/write-events.js';
import { DEMO_SITE } from './shop-routes.js';

/** The demo mini-program page's route (its page key). */
export const MINI_ROUTE = '/pages/goods/index';

/** The goods page at 375 px wide (750 rpx), CSS px; every phone shows it scaled to its width. */
export const MINI_PAGE = { width: 375, height: 1334 };

/** Tappable elements at 375 px wide: handler#id[data-*] as the SDK names them, box, tap weight. */
export const MINI_ELEMENTS: { sel: string; x: number; y: number; w: number; h: number; weight: number }[] = [
  { sel: 'onPreview#gallery', x: 0, y: 0, w: 375, h: 375, weight: 3 },
  { sel: 'onPickSku[data-sku=S]', x: 20, y: 520, w: 80, h: 36, weight: 1.5 },
  { sel: 'onPickSku[data-sku=M]', x: 110, y: 520, w: 80, h: 36, weight: 2.5 },
  { sel: 'onPickSku[data-sku=L]', x: 200, y: 520, w: 80, h: 36, weight: 1 },
  { sel: 'onTab[data-tab=detail]', x: 0, y: 640, w: 187, h: 44, weight: 1 },
  { sel: 'onTab[data-tab=reviews]', x: 188, y: 640, w: 187, h: 44, weight: 1.5 },
  { sel: 'onFavorite#fav', x: 10, y: 1274, w: 60, h: 50, weight: 1 },
  { sel: 'onAddToCart#add-cart', x: 80, y: 1274, w: 140, h: 50, weight: 6 },
  { sel: 'onBuyNow#buy-now', x: 225, y: 1274, w: 140, h: 50, weight: 8 },
];

/** Phone widths (CSS px) and their share of visits. */
const PHONES: [number, number][] = [
  [375, 0.35],
  [390, 0.25],
  [414, 0.25],
  [360, 0.15],
];
const DAY_MS = 86_400_000;

export interface MiniSeedOptions {
  /** About how many events the whole demo writes; the mini-program gets about 1 % of them. */
  events: number;
  days: number;
  now: number;
  seed: number;
}

/** Writes the demo mini-program's page views and taps; resolves with the number of events written. */
export async function seedDemoMiniTaps(
  store: Store,
  { events, days, now, seed }: MiniSeedOptions,
): Promise<number> {
  let state = (seed ^ 0x5bd1e995) >>> 0;
  // xorshift32: small and seedable, so the demo is the same every time.
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = <T>(items: [T, number][]): T => {
    let r = rand() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return (items[items.length - 1] as [T, number])[0];
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const elements = MINI_ELEMENTS.map((el): [(typeof MINI_ELEMENTS)[number], number] => [el, el.weight]);
  const rows: EventRow[] = [];
  const visits = Math.max(20, Math.round(events / 400));
  for (let v = 0; v < visits; v++) {
    const width = pick(PHONES);
    const k = width / MINI_PAGE.width;
    const vh = Math.round(width * 1.78);
    const anon = uuid();
    let ts = now - 3 * 3_600_000 - Math.floor(rand() * days) * DAY_MS - rand() * 10 * 3_600_000;
    const common = {
      a: anon,
      s: uuid(),
      p: 'weapp' as const,
      url: `${MINI_ROUTE}?id=${1 + Math.floor(rand() * 12)}`,
      pk: MINI_ROUTE,
      ch: pick<string>([
        ['wx_1007', 2],
        ['wx_1089', 1],
        ['wx_1011', 1],
      ]),
      vw: width,
      vh,
      dw: width,
      dh: Math.round(MINI_PAGE.height * k),
    };
    const add = (event: WireEvent) => rows.push(eventRow(DEMO_SITE, event, event.ts + 200));
    add({ ...common, id: uuid(), t: 'pageview', ts, r: `scene://wx_${common.ch.slice(3)}` });
    const taps = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < taps; i++) {
      const el = pick(elements);
      // Page point on this phone, and how far the page was scrolled to show it.
      const x = Math.round((el.x + (0.2 + rand() * 0.6) * el.w) * k);
      const y = Math.round((el.y + (0.2 + rand() * 0.6) * el.h) * k);
      const sy = Math.max(0, Math.min(Math.round(y - vh * (0.3 + rand() * 0.6)), common.dh - vh));
      ts += 1_500 + rand() * 8_000;
      add({
        ...common,
        id: uuid(),
        t: 'click',
        ts,
        x,
        y,
        sel: el.sel,
        cx: x,
        cy: y - sy,
        sy,
        ...(el.sel.startsWith('onPreview') && rand() < 0.2 ? { tk: 'longpress' as const } : {}),
      });
    }
  }
  await writeEvents(store, rows);
  return rows.length;
}
