/** Scroll depth and attention per band, on a fake clock so the seconds are exact. */

import { expect, it } from 'vitest';
import { ATTENTION_BANDS, type ScrollEvent } from '../src/protocol';
import { useBrowser } from './harness';

const env = useBrowser();

it('sends the deepest point and the active seconds each band was in view, once, at page hide', async () => {
  const context = await env.context();
  await context.clock.install({ time: Date.now() });
  const page = await context.newPage();
  await page.clock.pauseAt(Date.now() + 1000);
  await env.open('/product/1', {}, page);
  // 3000 px document, 600 px viewport: 20 bands of 150 px; bands 0-3 in view.
  await page.clock.fastForward(4000);
  // Bands 10-13 in view. Wait for the scroll event itself (dispatched by the browser's
  // rendering, not by the faked timers): on a busy machine it can come after scrollY changes,
  // and the seconds that follow must be counted for the new bands.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        addEventListener('scroll', () => resolve(), { once: true });
        window.scrollTo(0, 1500);
      }),
  );
  await page.clock.fastForward(3000);
  await page.mouse.move(10, 10); // input: active for 10 s more
  await page.clock.fastForward(20_000); // idle: only 10 of these 20 s count
  await page.goto('about:blank');

  const events = await env.server.waitForEvents(2);
  const scrolls = events.filter((e): e is ScrollEvent => e.t === 'scroll');
  expect(scrolls).toHaveLength(1);
  const att = Array(ATTENTION_BANDS).fill(0);
  att.fill(4, 0, 4).fill(13, 10, 14);
  expect({ md: scrolls[0]?.md, att: scrolls[0]?.att, dh: scrolls[0]?.dh, vh: scrolls[0]?.vh }).toEqual({
    md: 2100,
    att,
    dh: 3000,
    vh: 600,
  });
});

it('does not count time while the tab is hidden', async () => {
  const context = await env.context();
  await context.clock.install({ time: Date.now() });
  const page = await context.newPage();
  await page.clock.pauseAt(Date.now() + 1000);
  await env.open('/product/1', {}, page);
  await page.clock.fastForward(2000);
  await page.mouse.move(10, 10);
  // Hidden for 5 s, then visible again: the scroll event went out at the first hide.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const [, scroll] = await env.server.waitForEvents(2);
  expect((scroll as ScrollEvent).att?.slice(0, 5)).toEqual([2, 2, 2, 2, 0]);
  await page.goto('about:blank');
  await page.waitForTimeout(300);
  expect(env.server.events().filter((e) => e.t === 'scroll')).toHaveLength(1);
});
