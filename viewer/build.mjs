// Builds the analyst's page into dist/: index.html, viewer.js and viewer.css from src/.
// The server serves dist/ at `/`, so every path here is relative to the page.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  target: ['es2022', 'chrome100', 'safari15', 'firefox100'],
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

const result = await build(options);
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => !file.endsWith('.map'))
  .map(([file, { bytes }]) => `${file.replace(`${here}/`, '')} ${(bytes / 1024).toFixed(1)} KiB`);
console.log(`viewer built: ${sizes.join(', ')}`);
