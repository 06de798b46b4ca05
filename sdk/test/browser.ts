/**
 * Launches Debian's Chromium through playwright-core for the browser tests of every package.
 * A missing browser fails the test loudly: a browser test that silently skipped would hide
 * a broken SDK or viewer.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.HEATFUNNEL_CHROMIUM ?? '/usr/bin/chromium';

/** The flags this machine needs: no sandbox as root, no GPU, no background network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Starts a headless Chromium; throws with what to do when it is not installed. `bfcache`
 * keeps the back/forward cache on (playwright turns it off by default).
 */
export async function launchBrowser({ bfcache = false }: { bfcache?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Run the tests with \`npm test\` from the repository root, ` +
        "which installs Debian's chromium package, or set HEATFUNNEL_CHROMIUM to a Chromium binary.",
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    ignoreDefaultArgs: bfcache ? ['--disable-back-forward-cache'] : [],
  });
}
