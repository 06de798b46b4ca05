/**
 * Measures where the demo shop's clickable elements are at each device class's reference
 * width, in real Chromium, and writes `src/demo/layout.json` for the demo data generator;
 * takes an rrweb snapshot of each page at each width too (`src/demo/snapshots.json.gz`),
 * which the seed stores as the demo heatmaps' backdrops.
 * Run it after changing the demo pages: `pnpm --filter @heatfunnel/server measure-demo`.
 * Tests re-measure and fail when a committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '@heatfunnel/sdk/test/browser';
import { build } from 'esbuild';
import { REFERENCE_WIDTH } from '../src/api/api-routes.js';
import { DEMO_SNAPSHOT_FILE, type DemoSnapshots, type TakenSnapshot } from '../src/demo/demo-snapshots.js';
import type { DemoLayout, LaidOutPage } from '../src/demo/layout.js';
import { DEMO_PAGES } from '../src/demo/layout.js';
import { shopCss, shopPage } from '../src/demo/shop-pages.js';

export const LAYOUT_FILE = new URL('../src/demo/layout.json', import.meta.url);

const CLICKABLE = 'a, button, input, label, .photo, .thumb, .hero h1, .description, .review, .price, h1';

// The SDK's own selector and hash functions, bundled for the page, so that seeded clicks
// name elements exactly as real clicks do; and rrweb-snapshot, the SDK's snapshot library.
async function sdkFunctions(): Promise<string> {
  const sdk = dirname(createRequire(import.meta.url).resolve('@heatfunnel/sdk/package.json'));
  const result = await build({
    stdin: {
      contents: `import { selectorOf } from './src/web/selector.ts';
        import { fnv1a } from './src/core/fnv1a.ts';
        import { snapshot } from 'rrweb-snapshot';
        window.__hf = { selectorOf, fnv1a, snapshot };`,
      resolveDir: sdk,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
  });
  return result.outputFiles[0]?.text ?? '';
}

// Sent as source text: tsx would wrap a function passed to page.evaluate with helpers that
// do not exist in the page.
const MEASURE = `(() => {
  const { selectorOf, fnv1a } = window.__hf;
  const find = (kind) => [[...document.querySelectorAll(kind)]];
  const elements = [...document.querySelectorAll(${JSON.stringify(CLICKABLE)})]
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0)
    .map(({ el, box }) => {
      const sel = selectorOf(el, find);
      return {
        sel,
        sh: fnv1a(sel),
        kind: el.matches('.btn.primary, #add-to-cart, #checkout, #place-order') ? 'primary'
          : el.matches('a, button, input, label') ? 'control' : 'content',
        x: Math.round(box.left + scrollX), y: Math.round(box.top + scrollY),
        w: Math.round(box.width), h: Math.round(box.height),
        href: el.closest('a')?.getAttribute('href') ?? undefined,
      };
    });
  return { width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, elements };
})()`;

// Serialised as the SDK's snapshot entry does: inputs masked, scripts and comments left out,
// stylesheets inlined.
const SNAPSHOT = `(() => {
  const { snapshot, fnv1a } = window.__hf;
  const sn = snapshot(document, { maskAllInputs: true, inlineStylesheet: true, slimDOM: 'all' });
  return {
    vw: innerWidth, vh: innerHeight,
    dw: document.documentElement.scrollWidth, dh: document.documentElement.scrollHeight,
    h: fnv1a(JSON.stringify(sn)), sn,
  };
})()`;

/** Measures every demo page at every reference width, and snapshots it. */
export async function measureDemo(): Promise<{ layout: DemoLayout; snapshots: DemoSnapshots }> {
  const functions = await sdkFunctions();
  const browser = await launchBrowser();
  const layout: DemoLayout = { desktop: {}, tablet: {}, mobile: {} };
  const snapshots: DemoSnapshots = { desktop: {}, tablet: {}, mobile: {} };
  try {
    for (const [device, width] of Object.entries(REFERENCE_WIDTH) as [keyof DemoLayout, number][]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      for (const { pageKey, page: name } of DEMO_PAGES) {
        const html = shopPage(name)
          .replace('<link rel="stylesheet" href="/demo/shop.css">', `<style>${shopCss}</style>`)
          .replace(/<script>[\s\S]*?<\/script>/g, '');
        await page.setContent(html);
        await page.addScriptTag({ content: functions });
        layout[device][pageKey] = (await page.evaluate(MEASURE)) as LaidOutPage;
        snapshots[device][pageKey] = (await page.evaluate(SNAPSHOT)) as TakenSnapshot;
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { layout, snapshots };
}

/** Measures every demo page at every reference width. */
export async function measureDemoLayout(): Promise<DemoLayout> {
  return (await measureDemo()).layout;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { layout, snapshots } = await measureDemo();
  writeFileSync(LAYOUT_FILE, `${JSON.stringify(layout, null, 1)}\n`);
  console.log(`wrote ${fileURLToPath(LAYOUT_FILE)}`);
  writeFileSync(DEMO_SNAPSHOT_FILE, gzipSync(JSON.stringify(snapshots), { level: 9 }));
  console.log(`wrote ${fileURLToPath(DEMO_SNAPSHOT_FILE)}`);
}
