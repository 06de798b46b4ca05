/**
 * The selector's uniqueness stop, in Chromium, against its definition: climb part by part and
 * stop at the first selector `document.querySelectorAll` finds exactly one element for (or
 * at an id, body, or 5 parts). The SDK gets there with one querySelectorAll per kind and
 * filtering, keeping what it found (and the ancestor levels it added) between clicks (see
 * src/web/selector.ts); here every element of several pages is checked against the slow,
 * obvious way, with one kept search per page as the SDK keeps it while the page is still.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowser } from './harness';

const env = useBrowser();
let bundle = '';

beforeAll(async () => {
  const out = await build({
    stdin: {
      contents: `import { selectorOf } from './src/web/selector';
        const found = new Map();
        const find = (kind) => {
          if (!found.has(kind)) found.set(kind, [[...document.querySelectorAll(kind)]]);
          return found.get(kind);
        };
        window.fastSelector = (el) => selectorOf(el, find);
        window.fullSelector = (el) => selectorOf(el);`,
      resolveDir: join(import.meta.dirname, '..'),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  });
  bundle = out.outputFiles[0]?.text ?? '';
});

/** For every element in the body: [the SDK's selector, the one the definition gives]. */
async function compare(page: Page): Promise<{ count: number; differ: string[][] }> {
  await page.addScriptTag({ content: bundle });
  return page.evaluate(() => {
    const w = window as unknown as { fastSelector(el: Element): string; fullSelector(el: Element): string };
    const differ: string[][] = [];
    const elements = document.body.querySelectorAll('*');
    for (const el of [document.body, ...elements]) {
      const parts = w.fullSelector(el).split('>');
      let expected = '';
      for (let n = 1; n <= parts.length; n++) {
        expected = parts.slice(-n).join('>');
        if (document.querySelectorAll(expected).length === 1) break;
      }
      const got = w.fastSelector(el);
      if (got !== expected) differ.push([got, expected]);
    }
    return { count: elements.length + 1, differ };
  });
}

it('stops where querySelectorAll per level would, on every element of the fixture pages', async () => {
  for (const path of ['/many.html', '/shop.html', '/responsive.html', '/text.html', '/snapshot.html']) {
    const page = await env.open(path);
    const { count, differ } = await compare(page);
    expect(count, path).toBeGreaterThan(path === '/many.html' ? 2000 : 3);
    expect(differ, path).toEqual([]);
  }
});

it('stops where querySelectorAll per level would on look-alike structures under different parents', async () => {
  const page = await (await env.context()).newPage();
  // Lists and grids repeated in several places, with the same classes and positions, an
  // element class-named like its siblings' tag, SVG, a custom element and case in classes.
  const list =
    '<ul class="list"><li class="item">a</li><li class="item">b</li><li class="item x">c</li></ul>';
  const card =
    '<div class="card"><h3 class="title">t</h3><a class="link" href="#">l</a><a class="link" href="#">m</a></div>';
  await page.setContent(`<!doctype html><html><body>
    <header class="top">${list}<nav>${list}${list}</nav></header>
    <main><section class="grid">${card.repeat(6)}</section><section class="grid">${card.repeat(3)}</section>
      <div class="grid"><section class="grid">${card}</section></div>
      <div><div><div><div><div><div><span class="deep">x</span></div></div></div></div></div></div>
      <svg class="icon" viewBox="0 0 10 10"><g><rect width="5" height="5"/><rect class="r" width="2" height="2"/></g><g><rect width="5" height="5"/></g></svg>
      <shop-cart class="Cart"><p class="cart">1</p></shop-cart><shop-cart class="cart"><p class="cart">2</p></shop-cart>
      <p id="lead">p</p><p id="x1">q</p><p>r</p>
    </main>${list}</body></html>`);
  const { count, differ } = await compare(page);
  expect(count).toBeGreaterThan(80);
  expect(differ).toEqual([]);
});
