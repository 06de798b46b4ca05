/**
 * Shared set-up of the Chromium tests: one browser and one recording server per test file,
 * a fresh browser context (own storage) per page, and helpers to open fixture pages.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { type IngestServer, startIngestServer } from './ingest-server';

/** UUIDv7 as the protocol wants it. */
export const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Registers the hooks; the returned object is filled in once they ran. */
export function useBrowser() {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const env = {
    server: undefined as unknown as IngestServer,
    /** A new context (own storage) at 1000x600 unless `options` say otherwise. */
    async context(options: BrowserContextOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 600 }, ...options });
      contexts.push(context);
      return context;
    },
    /** Opens `path` (fixture shop page unless the path names a fixture) with init options `cfg`. */
    async open(path: string, cfg: object = {}, page?: Page) {
      const target = page ?? (await (await env.context()).newPage());
      const sep = path.includes('?') ? '&' : '?';
      await target.goto(`${env.server.url}${path}${sep}cfg=${encodeURIComponent(JSON.stringify(cfg))}`);
      await target.waitForFunction(() => !(window as unknown as { hf?: { q?: unknown } }).hf?.q);
      return target;
    },
  };
  beforeAll(async () => {
    // Shop pages under /product/, the npm-build page under /blog/, other fixtures by name.
    env.server = await startIngestServer((path) =>
      path.startsWith('/product/') ? 'shop.html' : path.startsWith('/blog/') ? 'esm.html' : path,
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env.server?.close();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    env.server.batches.length = 0;
    env.server.snapshotScripts.length = 0;
    env.server.snapshots.length = 0;
    env.server.wantSnapshots(false);
    env.server.answer(() => ({ status: 200 }));
  });
  return env;
}

/** Calls `hf(...args)` in the page. */
export const hf = (page: Page, ...args: unknown[]) =>
  page.evaluate((a) => (window as unknown as { hf: (...x: unknown[]) => void }).hf(...a), args);
