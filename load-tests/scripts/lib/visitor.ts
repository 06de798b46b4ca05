/**
 * A simulated visitor: device, platform, channel and where they are in the shop. Each
 * batch the generator makes comes from one visitor, as real SDK batches do.
 */
import { deviceClassOf, Platform } from '../../../sdk/src/protocol.ts';
import { pick, pickWeighted } from './random.ts';
import { PAGES, type PageName } from './shop.ts';

export interface Visitor {
  anon: string;
  user?: string;
  session: string;
  platform: Platform;
  channel: string;
  vw: number;
  vh: number;
  page: PageName;
  productId: number;
  url: string;
  /** Deepest point reached on the current page, CSS px. */
  depth: number;
}

const VIEWPORTS: [[number, number], number][] = [
  [[1920, 1080], 2],
  [[1440, 900], 3],
  [[1280, 800], 2],
  [[820, 1180], 1],
  [[768, 1024], 1],
  [[390, 844], 5],
  [[375, 667], 2],
  [[414, 896], 2],
];

const PLATFORM_WEIGHTS: [Platform, number][] = [
  [Platform.web, 60],
  [Platform.weapp, 25],
  [Platform.alipay, 6],
  [Platform.douyin, 6],
  [Platform.baidu, 3],
];

const WEB_CHANNELS = ['', 'baidu', 'wechat', 'xiaohongshu', 'weibo', 'newsletter'];
/** Mini-program launch scenes: search, QR code, chat share, official account menu. */
const MINI_SCENES = ['1001', '1011', '1007', '1035', '1089'];

/** Starts a new visitor; `serial` makes their ids unique within the generator. */
export function newVisitor(tag: string, serial: number, random: () => number): Visitor {
  const platform = pickWeighted(PLATFORM_WEIGHTS, random);
  const mobileOnly = platform !== Platform.web;
  let [vw, vh] = pickWeighted(VIEWPORTS, random);
  if (mobileOnly && deviceClassOf(vw) !== 'mobile') [vw, vh] = [390, 844];
  const visitor: Visitor = {
    anon: `${tag}:${serial.toString(36)}:${Math.floor(random() * 1e9).toString(36)}`,
    session: `${tag}:s${serial.toString(36)}:${Math.floor(random() * 1e9).toString(36)}`,
    platform,
    channel: mobileOnly ? pick(MINI_SCENES, random) : pick(WEB_CHANNELS, random),
    vw,
    vh,
    page: 'home',
    productId: 1000 + Math.floor(random() * 200),
    url: '',
    depth: vh,
  };
  visitor.url = pageUrl(visitor);
  return visitor;
}

/** The URL of the visitor's current page as the SDK reports it. */
export function pageUrl(v: Visitor): string {
  const page = PAGES[v.page];
  if (v.platform !== Platform.web) {
    return v.page === 'product' ? `${page.mini}?id=${v.productId}` : page.mini;
  }
  const path = v.page === 'product' ? `/product/${v.productId}` : page.web;
  const utm = v.channel ? `?utm_source=${v.channel}` : '';
  return `https://shop.example.com${path}${utm}`;
}

/** The page key of the visitor's current page. */
export function pageKey(v: Visitor): string {
  const page = PAGES[v.page];
  return v.platform === Platform.web ? page.web : page.mini;
}

/** The visitor's document width and height on the current page. */
export function documentSize(v: Visitor): [number, number] {
  const scale = v.vw < 1024 ? 1.8 : 1;
  return [v.vw, Math.round(PAGES[v.page].docHeight * scale)];
}

/** Moves the visitor to the next page; returns the previous URL (the referrer). */
export function navigate(v: Visitor, random: () => number): string {
  const from = v.url;
  v.page = pickWeighted(PAGES[v.page].next, random);
  if (v.page === 'product') v.productId = 1000 + Math.floor(random() * 200);
  v.url = pageUrl(v);
  v.depth = v.vh;
  return from;
}
