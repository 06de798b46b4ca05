/** The SDK never throws into the host page, even when the browser's APIs fail under it. */
import { expect, it } from 'vitest';
import { hf, useBrowser } from './harness';

const env = useBrowser();

it('keeps capturing without a page error when localStorage is blocked and sendBeacon throws', async () => {
  const context = await env.context();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    navigator.sendBeacon = () => {
      throw new TypeError('beacon broken');
    };
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await env.open('/product/1', { flushInterval: 100 }, page);
  await page.mouse.click(150, 225);
  await hf(page, 'track', 'still-works', { n: 1 });
  await hf(page, 'identify', { not: 'a string' }); // ignored: not an id
  await hf(page, 'identify', 42);
  await hf(page, 'init', null);
  await hf(page, 'step');
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('pagehide'));
  });
  const events = await env.server.waitForEvents(4);
  expect(events.map((e) => e.t)).toEqual(expect.arrayContaining(['pageview', 'click', 'custom', 'identify']));
  expect(events.filter((e) => e.t === 'identify').map((e) => e.u)).toEqual(['42']);
  expect(new Set(events.map((e) => e.a)).size).toBe(1); // the in-memory id holds for the page
  expect(errors).toEqual([]);
});
