/**
 * What the stage shows behind the heat: the page's stored snapshot (rebuilt without
 * scripts), or the live page framed at its URL. Pages are framed at their own URL; the demo
 * shop is the exception: this server serves it at `/demo/` (contracts.md), and seeded demo
 * events carry a made-up shop origin, so its pages are loaded from the viewer's own origin.
 */
import type { DeviceClass } from '@heatfunnel/sdk/protocol';
import type { PageSnapshot } from './api';
import type { Translate } from './i18n';

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

/** What the stage puts behind the heat. */
export type BackdropSource =
  | {
      kind: 'snapshot';
      /** Identifies the snapshot, so the same one is not rebuilt twice. */
      key: string;
      /** rrweb-snapshot's serialised document. */
      node: unknown;
      /** Width (CSS px) it was taken at, and the viewport height then. */
      width: number;
      viewportHeight: number;
      /** The page's URL then: relative addresses in it resolve against it. */
      url: string;
    }
  | { kind: 'live'; url: string }
  | { kind: 'none' };

/** The backdrop picked for a view, the document width to draw the heat at, and a note on the choice. */
export interface BackdropPick {
  source: BackdropSource;
  /**
   * Width the page is laid out at: a snapshot's own width when it was taken on the device
   * class asked for; null for the bucket's reference width (live pages, and snapshots of
   * another device class, which then reflow to this device's layout).
   */
  width: number | null;
  /** Why this backdrop and not the one asked for, or what it is; empty when nothing needs saying. */
  note: BackdropNote | null;
}

/** A note on the backdrop, as a message key and its values. */
export type BackdropNote =
  | { key: 'backdrop.taken'; params: { date: string; width: number } }
  | {
      key: 'backdrop.fallback';
      params: { asked: DeviceClass; taken: DeviceClass; date: string; width: number };
    }
  | { key: 'backdrop.noSnapshot' | 'backdrop.noLive' | 'backdrop.none'; params?: undefined };

/**
 * Picks the backdrop: the page's snapshot when asked for (the default) and there is one, else
 * the live page, else the snapshot, else nothing (the heat on a blank page, said in words).
 */
export function pickBackdrop({
  choice,
  asked,
  snapshot,
  pageUrl,
  viewerOrigin,
}: {
  choice: 'snapshot' | 'live';
  /** The device class of the view. */
  asked: DeviceClass;
  snapshot: PageSnapshot | null;
  pageUrl: string | null;
  viewerOrigin: string;
}): BackdropPick {
  const live = pageUrl ? backdropUrl(pageUrl, viewerOrigin) : null;
  const fromSnapshot = (s: PageSnapshot, note: BackdropNote | null): BackdropPick => ({
    source: {
      kind: 'snapshot',
      key: `${s.hash}|${s.device}|${s.takenAt}`,
      node: s.node,
      width: s.viewportWidth,
      viewportHeight: s.viewportHeight || 800,
      url: s.url,
    },
    width: s.fallback ? null : s.viewportWidth,
    note,
  });
  const snapshotNote = (s: PageSnapshot): BackdropNote => {
    const date = s.takenAt.slice(0, 10);
    return s.fallback
      ? { key: 'backdrop.fallback', params: { asked, taken: s.device, date, width: s.viewportWidth } }
      : { key: 'backdrop.taken', params: { date, width: s.viewportWidth } };
  };
  if (choice === 'snapshot' && snapshot) return fromSnapshot(snapshot, snapshotNote(snapshot));
  if (live) {
    return {
      source: { kind: 'live', url: live },
      width: null,
      note: choice === 'snapshot' ? { key: 'backdrop.noSnapshot' } : null,
    };
  }
  if (snapshot) return fromSnapshot(snapshot, { key: 'backdrop.noLive' });
  return { source: { kind: 'none' }, width: null, note: { key: 'backdrop.none' } };
}

/** The note in the analyst's words. */
export function backdropNoteText(note: BackdropNote | null, t: Translate): string {
  if (!note) return '';
  if (note.key === 'backdrop.fallback') {
    const { asked, taken, date, width } = note.params;
    return t(note.key, { device: t(`device.${asked}`), taken: t(`device.${taken}`), date, width });
  }
  return t(note.key, note.params);
}
