/**
 * The demo data places clicks on the elements of the demo pages as measured in Chromium;
 * when the pages change, the committed measurements must be redone, or the demo heatmap
 * would show heat beside the buttons.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LAYOUT_FILE, measureDemoLayout } from '../scripts/measure-demo-layout.js';
import type { DemoLayout } from '../src/demo/layout.js';

it('matches the demo pages as Chromium lays them out now', async () => {
  const committed = JSON.parse(readFileSync(LAYOUT_FILE, 'utf8')) as DemoLayout;
  const measured = await measureDemoLayout();
  const hint =
    'the demo pages changed: run `pnpm --filter @heatfunnel/server measure-demo` and commit layout.json';
  for (const [device, pages] of Object.entries(measured) as [keyof DemoLayout, DemoLayout['desktop']][]) {
    for (const [pageKey, page] of Object.entries(pages)) {
      const before = committed[device][pageKey];
      expect(before, `${device} ${pageKey}: ${hint}`).toBeDefined();
      expect(
        before?.elements.map((el) => el.sel),
        `${device} ${pageKey}: ${hint}`,
      ).toEqual(page.elements.map((el) => el.sel));
      // A few pixels of font difference between machines do not matter; a moved element does.
      page.elements.forEach((el, i) => {
        const old = before?.elements[i];
        for (const key of ['x', 'y', 'w', 'h'] as const) {
          expect(
            Math.abs((old?.[key] ?? -1000) - el[key]),
            `${device} ${pageKey} ${el.sel} ${key}: ${hint}`,
          ).toBeLessThanOrEqual(4);
        }
      });
    }
  }
});
