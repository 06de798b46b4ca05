/**
 * Mini-program pages in the viewer. Their "URLs" are routes (`/pages/goods/index?id=7`), not
 * web pages to frame, and their layouts scale with the phone's width (rpx), so their clicks
 * are asked for normalised by width (`scale=width`: rows of the page scaled to 375 px wide,
 * so taps of every phone line up) and drawn on a plain page that wide, with the analyst's
 * screenshot behind them when one is chosen.
 */
import type { PageQuery, PageRow } from '../api';

/** True for a page URL that is a mini-program route rather than a web address. */
export const isMiniRoute = (url: string): boolean => !/^[a-z][\w+.-]*:/i.test(url);

/** `q`, asking for width-normalised click cells when its page is a mini-program page. */
export function scaleForPage(q: PageQuery | null, pages: readonly PageRow[] | null): PageQuery | null {
  const row = q ? pages?.find((p) => p.pageKey === q.page) : undefined;
  return q && row && isMiniRoute(row.url) ? { ...q, scale: 'width' } : q;
}
