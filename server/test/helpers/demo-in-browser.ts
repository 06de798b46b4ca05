/**
 * The demo shop served in-process on a fresh store, plus Chromium, for the end-to-end tests
 * that open it as a visitor would (real snippet, real HTTP on 127.0.0.1, the embedded engine).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser } from 'playwright-core';
import { SDK_DIST } from '../../src/app.js';
import { silentLogger } from '../../src/log.js';
import { type RunningServer, startServer } from '../../src/serve.js';
import { freshStore, type TestStore } from './store.js';

export interface DemoInBrowser {
  db: TestStore;
  server: RunningServer;
  browser: Browser;
  /** Closes the browser and the server, then deletes the store. */
  close(): Promise<void>;
}

/**
 * Checks that the SDK's built `entries` (e.g. `heatfunnel.js`) exist, then starts the demo
 * server on a fresh store and launches Chromium; what started is closed again if a later step fails.
 */
export async function startDemoInBrowser(entries: string[]): Promise<DemoInBrowser> {
  for (const file of entries) {
    if (!existsSync(join(SDK_DIST, file))) {
      throw new Error('the SDK is not built: run `npm test` from the repository root (it builds first)');
    }
  }
  let db: TestStore | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
  };
  try {
    db = await freshStore([]);
    server = await startServer(
      { host: '127.0.0.1', port: 0, demo: true, store: { dataDir: db.dataDir, database: db.store.database } },
      db.store,
      silentLogger,
    );
    browser = await launchBrowser();
    return { db, server, browser, close };
  } catch (error) {
    // The start-up error is the one to report; a failure to clean up after it would hide it.
    await close().catch(() => undefined);
    throw error;
  }
}
