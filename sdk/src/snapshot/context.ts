/**
 * What the snapshot entry learns from its own script URL, which the core made:
 * `<endpoint>/v1/snapshot.js?k=<site key>&vw=<viewport width>&pk=<page key>`.
 */
import { cleanUrl } from '../core/page-key';
import { deviceClassOf, SNAPSHOT_SCRIPT_PATH, type SnapshotUpload } from '../protocol';

/** The upload's fields that come from the page view. */
export type Context = Pick<SnapshotUpload, 'k' | 'pk' | 'url' | 'dc'>;

/**
 * The endpoint to post to (path prefix included), the page that asked (the `src` fragment)
 * and the page view's fields, from the script's `src` and the page's URL; undefined when
 * the URL lacks one. The device class is
 * derived from the width as the server does for events; the page URL is cleaned as the core
 * cleans it (utm_* kept; a site's extra `keepParams` are not known here).
 */
export function contextOf(
  src: string,
  pageUrl: string,
): { origin: string; page: string; context: Context } | undefined {
  const url = new URL(src);
  const k = url.searchParams.get('k');
  const pk = url.searchParams.get('pk');
  const vw = Number(url.searchParams.get('vw'));
  if (!k || !pk || !(vw > 0)) return undefined;
  const origin = url.origin + url.pathname.replace(SNAPSHOT_SCRIPT_PATH, '').replace(/\/+$/, '');
  // The page that asked, from the fragment the core added (older cores: the page now).
  const hash = src.indexOf('#');
  const page = hash < 0 ? pageUrl : src.slice(hash + 1);
  return { origin, page, context: { k, pk, dc: deviceClassOf(vw), url: cleanUrl(page) } };
}
