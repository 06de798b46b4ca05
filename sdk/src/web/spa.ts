/**
 * Page views of single-page apps: a history.pushState/replaceState, popstate or hashchange
 * that changes the path or the hash route (not just the query or an anchor) is a new page
 * view, with the previous URL as its referrer. A page restored from the back/forward cache
 * (`pageshow` with `persisted`) is a new page view too: its last one ended at `pagehide`.
 */
import type { CoreClient } from '../core/client';
import { routeOf } from '../core/page-key';

/** Watches the History API and hash for route changes. */
export function trackRoutes(client: CoreClient): void {
  let route = routeOf(location.href);
  let href = location.href;
  const check = client.wrap(() => {
    const next = routeOf(location.href);
    if (next !== route) {
      route = next;
      client.pageview(href);
    }
    href = location.href;
  });
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
  // client.pageview is guarded already.
  addEventListener('pageshow', (e) => e.persisted && client.pageview());
}
