/** The real app on a test's store, for route tests through `app.request()`. */
import { createApp } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import { siteRegistry } from '../../src/store/sites.js';
import type { Store } from '../../src/store/store.js';

export type App = ReturnType<typeof createApp>;

/** The app on `store` with its site registry; quiet, but errors it logs are printed, so a 500 says why. */
export const appPrintingErrors = (store: Store): App =>
  createApp({
    store,
    sites: siteRegistry(store),
    log: { ...silentLogger, error: (m, f) => console.error(m, f) },
  });
