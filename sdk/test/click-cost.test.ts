/**
 * The click path's layout work on a page of 2,000 elements: at most one forced layout per
 * click (the one getBoundingClientRect read), with and without click text (whose innerText
 * read comes after the rect, on a clean layout), every click still sent. Its main-thread time is a benchmark, not a
 * test: `node sdk/bench/click-cost.mjs` prints median and p95.
 */
import { expect, it } from 'vitest';
import { hf, useBrowser } from './harness';

const env = useBrowser();

for (const [name, path] of [
  ['', '/many.html'],
  [' and click text', '/many.html?text=1'],
] as const) {
  it(`handles a click with at most one forced layout${name}`, async () => {
    const page = await env.open(path);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const layouts = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: { name: string; value: number }[];
      };
      return metrics.find((m) => m.name === 'LayoutCount')?.value ?? 0;
    };
    const clicks = 400;
    // Each click after a style change that invalidates layout, all in one task (no frames):
    // the rects are read first, so any layout during the loop is the SDK's.
    const before = await layouts();
    await page.evaluate((n) => {
      const elements = [...document.querySelectorAll('#grid *')].filter((_, i) => i % 5 === n % 5);
      const targets = elements.map((el) => ({ el, r: el.getBoundingClientRect() }));
      for (let i = 0; i < n; i++) {
        const { el, r } = targets[i % targets.length] as { el: Element; r: DOMRect };
        document.body.style.paddingTop = `${i % 2}px`;
        el.dispatchEvent(
          new MouseEvent('click', { bubbles: true, detail: 1, clientX: r.left + 2, clientY: r.top + 2 }),
        );
      }
    }, clicks);
    const forced = (await layouts()) - before;
    // One layout per click at most (the style change dirtied it each time): the rect read.
    expect(forced).toBeGreaterThan(clicks / 2);
    expect(forced).toBeLessThanOrEqual(clicks + 1);
    // And the SDK did its work for each of them: every click reached the server, placed on
    // its element. Each is held a second for dead-click detection, then waits for a flush
    // (the page batches up to 10,000 events), so the test asks for flushes until all arrived.
    const sent = () => env.server.events().filter((e) => e.t === 'click');
    await expect
      .poll(
        async () => {
          await hf(page, 'flush');
          return sent().length;
        },
        { timeout: 15_000, interval: 250 },
      )
      .toBe(clicks);
    expect(sent().every((e) => e.t === 'click' && e.sel !== '' && (e.ew ?? 0) > 0 && (e.ex ?? 0) > 0)).toBe(
      true,
    );
    // Every element of the grid has text: sent with each click exactly when asked for.
    const withText = path.includes('text=1');
    expect(sent().every((e) => e.t === 'click' && (e.tx !== undefined) === withText)).toBe(true);
  });
}
