/**
 * Fetches what the backdrop choice needs (the page's snapshot, unless the live page is
 * asked for and can be framed) and picks the backdrop for one view.
 */
import type { Api, PageQuery, PageSnapshot } from '../api';
import { type BackdropPick, backdropUrl, pickBackdrop } from '../backdrop';
import type { Backdrop } from '../state';

/** The backdrop for `q`: `choice` when it can be had, the other kind otherwise, or none. */
export async function loadBackdrop(
  api: Api,
  q: PageQuery,
  choice: Backdrop,
  pageUrl: string | null,
  signal: AbortSignal,
): Promise<BackdropPick> {
  const viewerOrigin = location.origin;
  const framable = pageUrl !== null && backdropUrl(pageUrl, viewerOrigin) !== null;
  let snapshot: PageSnapshot | null = null;
  if (choice === 'snapshot' || !framable) {
    try {
      snapshot = (await api.snapshot(q, signal)).snapshot;
    } catch (error) {
      if (signal.aborted) throw error;
      // The heat matters more than its backdrop: without the snapshot the live page stands in.
      console.error('heatfunnel viewer: the page snapshot could not be loaded', error);
    }
  }
  return pickBackdrop({ choice, asked: q.device, snapshot, pageUrl, viewerOrigin });
}
