#!/usr/bin/env node
// Builds the SDK with esbuild and prints the size of every entry (raw, gzip, brotli):
//   dist/heatfunnel.js   IIFE for the snippet (global `hf`), minified
//   dist/heatfunnel.mjs  ESM for bundlers (`import { init } from '@heatfunnel/sdk'`)
//   dist/heatfunnel-mini.js / .mjs  mini-program build, CommonJS and ESM (`@heatfunnel/sdk/mini`)
//   dist/heatfunnel-snapshot.js  the DOM snapshot entry (rrweb-snapshot), served by the server
//                        only to pages it wants a snapshot of; never part of the core
// Options: `--quiet` (no report), `--json` (sizes as JSON), `--outdir DIR` (default dist/).
// Target ES2020: optional chaining and ?? stay native, which saves ~200 bytes gzipped;
// every browser with sendBeacon + keepalive fetch + CompressionStream has them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const dist = process.argv.includes('--outdir') ? arg('--outdir') : join(here, 'dist');

/**
 * Internal property names shortened in the browser builds (as Preact's mangle.json does):
 * about 120 bytes gzipped of the 6 KB budget. Only names that never meet the page, the DOM,
 * init options or the wire: each is a field or method of the SDK's own objects (the
 * Platform seam, the core client's internal methods, the guard, identity, outbox and batcher,
 * URL parts, held clicks). A DOM or built-in name here (`capture`, `body`, `now`, `add`,
 * `clear`...) would break the build silently: keep it so. The browser tests run on these builds.
 */
const MANGLED =
  /^(alive|campaign|retryAfterMs|setTimer|clearTimer|onHide|onOnline|privacySignal|onLeave|enqueue|deliver|setUser|report|failures|enabled|session|anon|user|sync|hold|wake|pump|final|retry|event|wrap|platform|guard|interval|count|value|size|path|query|hash|name|storage|send|online|page|random16)$/;

/**
 * The same for the mini-program builds, less `onHide`: a shop may pass its own `MiniApi`
 * (init's `api` option), whose `onHide` must keep its name; plus the tap tracker's methods
 * and page-view fields (src/mini/track.ts), which only the wrappers call. About 80 bytes
 * gzipped.
 */
const MINI_MANGLED =
  /^(alive|campaign|retryAfterMs|setTimer|clearTimer|onOnline|privacySignal|onLeave|enqueue|deliver|setUser|inst|input|counted|asked|load|show|hide|tap|share|random16)$/;

/** Every build the package ships; the first is the core the size budget applies to. */
export const ENTRIES = [
  // The snippet's script is compiled whole as it streams in (V8's explicit compile hint), not
  // function by function on first call: that was 0.4 ms of a page view's first click. Only
  // this file: in a shop's bundle the comment would compile the shop's code eagerly too.
  {
    entry: 'src/snippet.ts',
    outfile: 'heatfunnel.js',
    format: 'iife',
    mangleProps: MANGLED,
    banner: { js: '//# allFunctionsCalledOnLoad' },
  },
  { entry: 'src/index.ts', outfile: 'heatfunnel.mjs', format: 'esm', mangleProps: MANGLED },
  // Mini-programs: CommonJS to `require` from app.js, ESM for Taro/uni-app bundlers. ES2017,
  // as older mini-program engines (iOS JavaScriptCore before 13.4) lack ?. and ??.
  {
    entry: 'src/mini/index.ts',
    outfile: 'heatfunnel-mini.js',
    format: 'cjs',
    target: 'es2017',
    mangleProps: MINI_MANGLED,
  },
  {
    entry: 'src/mini/index.ts',
    outfile: 'heatfunnel-mini.mjs',
    format: 'esm',
    target: 'es2017',
    mangleProps: MINI_MANGLED,
  },
  { entry: 'src/snapshot/entry.ts', outfile: 'heatfunnel-snapshot.js', format: 'iife' },
];

/** Raw, gzip (level 9) and brotli (max quality) sizes of `file` in bytes. */
export function sizesOf(file) {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Builds every entry; resolves to their sizes. */
export async function buildAll() {
  const sizes = [];
  for (const { entry, outfile, format, target = 'es2020', mangleProps, banner } of ENTRIES) {
    await build({
      entryPoints: [join(here, entry)],
      outfile: join(dist, outfile),
      bundle: true,
      format,
      minify: true,
      target,
      // protocol.ts lists its enums with Object.values; unused, they need not ship.
      pure: ['Object.values'],
      platform: 'browser',
      legalComments: 'none',
      logLevel: 'warning',
      mangleProps,
      banner,
    });
    sizes.push({ file: `dist/${outfile}`, ...sizesOf(join(dist, outfile)) });
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildAll();
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes));
  else if (!process.argv.includes('--quiet')) {
    const kb = (n) => `${(n / 1024).toFixed(2)} KB`.padStart(9);
    console.log('file                    raw       gzip     brotli');
    for (const s of sizes) console.log(`${s.file.padEnd(20)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  }
}
