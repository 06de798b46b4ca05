/**
 * Asks the server, after a page view, whether it wants a snapshot of this page for the
 * heatmap backdrop: once per page key per page load, once the page has loaded, it adds
 * `<script src="<endpoint>/v1/snapshot.js?k&vw&pk#<page URL>">` (the server derives the device class
 * from the viewport width, as for events). The server answers the snapshot entry (rrweb)
 * when it wants one and an empty script otherwise, so the core never carries rrweb.
 * Nothing is asked while collection is off.
 */
import type { CoreClient } from '../core/client';
import { SNAPSHOT_SCRIPT_PATH } from '../protocol';

/** Wraps `client.pageview` so that each page view may load the snapshot entry from `endpoint`. */
export function loadSnapshots(client: CoreClient, endpoint: string, site: string): void {
  const asked: Record<string, 1> = {};
  const view = client.pageview;
  const enc = encodeURIComponent;
  client.pageview = client.wrap((referrer?: string) => {
    view(referrer);
    // Checked first: making an event stores ids, which must not happen without consent.
    if (!client.enabled()) return;
    // A throwaway event of the current page: its page key is the one its events carry.
    const { pk } = client.event('pageview', {});
    if (asked[pk]) return;
    asked[pk] = 1;
    const add = client.wrap(() => {
      // Script-inserted scripts are async already.
      const script = document.createElement('script');
      // The fragment (not sent, not part of the cache key) tells the entry which page asked.
      script.src = `${endpoint}${SNAPSHOT_SCRIPT_PATH}?k=${enc(site)}&vw=${innerWidth}&pk=${enc(pk)}#${location.href}`;
      document.head.append(script);
    });
    // A script added before the load event would delay the host page's load.
    if (document.readyState === 'complete') add();
    else addEventListener('load', add);
  });
}
