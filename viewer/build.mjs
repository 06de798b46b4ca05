// Builds the analyst's page into dist/: index.html, viewer.js and viewer.css from src/.
// The server serves dist/ at `/`, so every path here is relative to the page.
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

// Files are overwritten in place, never removed first: a server (or a test) may be serving
// dist/ while it is rebuilt, and a missing viewer.js for a moment breaks its page.
await mkdir(dist, { recursive: true });
await copyFile(join(here, 'src', 'index.html'), join(dist, 'index.html'));

const options = {
  entryPoints: { viewer: join(here, 'src', 'main.ts') },
  outdir: dist,
  bundle: true,
  format: 'esm',
  // Chart.js goes into a chunk of its own, loaded by the funnel page only (funnel/chart-draw.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Paths in the metafile are relative to this; pinning it lets the script run from anywhere.
  absWorkingDir: here,
};

const result = await build(options);
// Chunk names change with their content: drop the ones this build no longer refers to.
const chunks = join(dist, 'chunks');
const current = new Set(
  Object.keys(result.metafile.outputs).map((file) => join(here, file.replace(`${here}/`, ''))),
);
for (const name of await readdir(chunks).catch(() => [])) {
  if (!current.has(join(chunks, name))) await rm(join(chunks, name), { force: true });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
const sizes = await Promise.all(
  outputs.map(async ([file, { bytes }]) => {
    const gzipped = gzipSync(await readFile(join(here, file.replace(`${here}/`, '')))).length;
    return `${file.replace(`${here}/`, '')} ${kib(bytes)} (${kib(gzipped)} gzipped)`;
  }),
);
console.log(`viewer built: ${sizes.join(', ')}`);

// What each bundled dependency adds to viewer.js (minified bytes), so a new one's cost shows.
const byPackage = new Map();
for (const [, output] of outputs) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input);
    const name = match?.[1] ?? (input.includes('/sdk/') ? '@heatfunnel/sdk' : 'viewer src');
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
}
const parts = [...byPackage].filter(([, bytes]) => bytes > 0).sort((a, b) => b[1] - a[1]);
console.log(`  of which: ${parts.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(', ')}`);
