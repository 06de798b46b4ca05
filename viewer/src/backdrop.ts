/**
 * Which URL the stage loads behind the heat. Pages are framed at their own URL; the demo
 * shop is the exception: this server serves it at `/demo/` (contracts.md), and seeded demo
 * events carry a made-up shop origin, so its pages are loaded from the viewer's own origin.
 */

/** Path prefix of the demo shop on the viewer's own server. */
export const DEMO_SHOP_PATH = '/demo/';

/** The backdrop URL for a page URL seen in events, or null when it cannot be framed at all. */
export function backdropUrl(pageUrl: string, viewerOrigin: string): string | null {
  let url: URL;
  try {
    // No base: a mini-program route ("pages/index/index") is not a web page to frame.
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== viewerOrigin && url.pathname.startsWith(DEMO_SHOP_PATH)) {
    return `${viewerOrigin}${url.pathname}${url.search}`;
  }
  return url.href;
}
