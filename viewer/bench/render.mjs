// Render benchmark: draws 100k heat cells with the viewer's heat renderer in headless
// Chromium and prints the median time. Usage: node bench/render.mjs [--cells N] [--runs N]
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const viewer = join(here, '..');
const { values } = parseArgs({
  options: {
    cells: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '9' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '2400' },
  },
});

// The page half, bundled for the browser.
const page = await build({
  entryPoints: [join(here, 'render-page.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'es2022',
  logLevel: 'warning',
});
// The shared Chromium launcher is TypeScript: bundle it for Node, playwright-core left external.
const cache = join(viewer, 'node_modules', '.cache', 'heatfunnel-bench');
await mkdir(cache, { recursive: true });
const launcherFile = join(cache, 'browser.mjs');
await build({
  stdin: { contents: "export { launchBrowser } from '@heatfunnel/sdk/test/browser';", resolveDir: viewer },
  bundle: true,
  platform: 'node',
  format: 'esm',
  external: ['playwright-core'],
  outfile: launcherFile,
  logLevel: 'warning',
});
const { launchBrowser } = await import(pathToFileURL(launcherFile).href);

const browser = await launchBrowser();
try {
  const tab = await browser.newPage();
  await tab.setContent('<!doctype html><html><body></body></html>');
  await tab.addScriptTag({ content: page.outputFiles[0].text });
  const result = await tab.evaluate((o) => globalThis.heatBench(o), {
    cells: Number(values.cells),
    runs: Number(values.runs),
    width: Number(values.width),
    docHeight: Number(values.height),
  });
  console.log(
    `heat render, ${result.cells} cells on a ${result.canvas} canvas, ${result.runs} runs: ` +
      `median ${result.drawMedianMs.toFixed(1)} ms to draw (min ${result.drawMinMs.toFixed(1)}, ` +
      `max ${result.drawMaxMs.toFixed(1)}), ${result.mapMedianMs.toFixed(1)} ms to map cells to points`,
  );
} finally {
  await browser.close();
}
