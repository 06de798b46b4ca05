/**
 * zh-CN screenshots must show characters, not boxes: in Chromium, with the viewer's own
 * stylesheet, every Chinese character of the zh-CN message table is drawn as a glyph of its
 * own (a character no font covers is drawn as the same empty box as any other). This fails
 * on a machine without a CJK font; `npm test` installs fonts-noto-cjk (scripts/system-deps.mjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zhCN } from '../src/messages-zh-cn';
import { VIEWER_DIR } from './server';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A code point in the Private Use Area: no font maps it, so it is drawn as the missing-glyph box. */
const NO_GLYPH = '\uE000';

it('draws every Chinese character of the zh-CN messages with a real glyph', async () => {
  const han = [
    ...new Set(
      Object.values(zhCN)
        .join('')
        .match(/\p{Script=Han}/gu) ?? [],
    ),
  ];
  expect(han.length).toBeGreaterThan(100);
  const css = readFileSync(join(VIEWER_DIR, 'dist', 'viewer.css'), 'utf8');
  const page = await browser.newPage();
  await page.setContent(
    `<!doctype html><html lang="zh-CN"><head><style>${css}</style></head><body></body></html>`,
  );
  // Each character's pixels (alpha only) drawn in the page's font at 24 px.
  const bitmaps = await page.evaluate(
    (chars) => {
      const font = `24px ${getComputedStyle(document.body).fontFamily}`;
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 32;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      if (!g) throw new Error('no 2d context');
      return chars.map((ch) => {
        g.clearRect(0, 0, 32, 32);
        g.font = font;
        g.fillText(ch, 2, 26);
        const data = g.getImageData(0, 0, 32, 32).data;
        return Array.from({ length: 32 * 32 }, (_, i) => (data[i * 4 + 3] ?? 0) >> 4).join('');
      });
    },
    [NO_GLYPH, ...han],
  );
  await page.close();
  const [box, ...glyphs] = bitmaps;
  const boxed = han.filter((_, i) => glyphs[i] === box || !/[1-9a-f]/.test(glyphs[i] ?? ''));
  expect(boxed, `drawn as empty boxes or nothing: ${boxed.join('')}`).toEqual([]);
  // Distinct characters look distinct (a fallback that draws every character alike would pass the first check).
  expect(new Set(glyphs).size).toBeGreaterThan(han.length * 0.95);
});
