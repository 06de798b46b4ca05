/**
 * Mini-program pages in the viewer. Their "URLs" are routes (`/pages/goods/index?id=7`), not
 * web pages to frame, and their layouts scale with the phone's width (rpx), so their clicks
 * are asked for normalised by width (`scale=width`: rows of the page scaled to 375 px wide,
 * so taps of every phone line up) and drawn on a plain page that wide, with the analyst's
 * screenshot behind them when one is chosen.
 */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import type { PageQuery, PageRow } from '../api';
import type { BackdropPick } from '../backdrop';

/** True for a page URL that is a mini-program route rather than a web address. */
export const isMiniRoute = (url: string): boolean => !/^[a-z][\w+.-]*:/i.test(url);

/** True when `page` is a mini-program page of `pages`. */
const isMiniPage = (page: string | null, pages: readonly PageRow[] | null): boolean => {
  const row = page === null ? undefined : pages?.find((p) => p.pageKey === page);
  return row !== undefined && isMiniRoute(row.url);
};

/** `q`, asking for width-normalised click cells when its page is a mini-program page. */
export function scaleForPage(q: PageQuery | null, pages: readonly PageRow[] | null): PageQuery | null {
  return q && isMiniPage(q.page, pages) ? { ...q, scale: 'width' } : q;
}

/**
 * The device bucket to show `page` in: mobile for a mini-program page asked for on desktop
 * (mini-programs run on phones, so its desktop heatmap is always empty), else `device`. A
 * tablet chosen on purpose stays.
 */
export function deviceForPage(
  page: string | null,
  pages: readonly PageRow[] | null,
  device: DeviceClass,
): DeviceClass {
  return device === 'desktop' && isMiniPage(page, pages) ? 'mobile' : device;
}

/**
 * The backdrop of a width-normalised view, without asking for one: none. Its rows are px of
 * the page at the reference width (375), so laying them out at a snapshot's or live page's
 * width (its `BackdropPick.width`) would stretch them by that width / 375 and put the heat
 * below or above where the taps were. The analyst's screenshot is the backdrop here.
 * Undefined for any other view: its backdrop is looked up as usual.
 */
export function widthScaledBackdrop(q: PageQuery): BackdropPick | undefined {
  return q.scale === 'width' ? { source: { kind: 'none' }, width: null, note: null } : undefined;
}
