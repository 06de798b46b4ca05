/**
 * The same point of an element, clicked at desktop and mobile widths where the layout
 * differs, gives the same selector and the same element-relative position.
 */
import { expect, it } from 'vitest';
import type { ClickEvent } from '../src/protocol';
import { useBrowser } from './harness';

const env = useBrowser();

it('reports equal ex/ey and selector for the same spot at 1280 and 390 px wide', async () => {
  const clicks: ClickEvent[] = [];
  for (const [i, width] of [1280, 390].entries()) {
    const context = await env.context({ viewport: { width, height: 800 } });
    const page = await env.open('/responsive.html', {}, await context.newPage());
    const box = await page.locator('section.product').boundingBox();
    if (!box) throw new Error('no product box');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.75);
    await page.goto('about:blank');
    const events = await env.server.waitForEvents(3 * (i + 1)); // page view, click, scroll
    clicks.push(...events.filter((e): e is ClickEvent => e.t === 'click' && e.vw === width));
  }
  const [desktop, mobile] = clicks;
  if (!desktop || !mobile) throw new Error('expected a click at each width');
  expect(desktop.ew).not.toBe(mobile.ew);
  expect(desktop.x).not.toBe(mobile.x);
  expect({ sel: mobile.sel, sh: mobile.sh, ex: mobile.ex, ey: mobile.ey }).toEqual({
    sel: desktop.sel,
    sh: desktop.sh,
    ex: desktop.ex,
    ey: desktop.ey,
  });
  expect(desktop.sel).toBe('section.product');
  expect([desktop.ex, desktop.ey]).toEqual([0.3, 0.75]);
});
