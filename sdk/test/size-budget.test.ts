/**
 * The core snippet build must stay at most 6 KB gzipped (issue 3) and free of rrweb, which
 * only the snapshot entry carries; the report names every entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const CORE_GZIP_BUDGET = 6 * 1024;
// Strings of rrweb-snapshot's serialiser (the size of a blocked element, its own name).
const RRWEB_MARKERS = ['rr_width', 'rrweb'];

it('builds the IIFE core within 6 KB gzipped, without rrweb, compiled whole on load, and reports raw, gzip and brotli for every entry', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'hf-size-'));
  try {
    const run = spawnSync(process.execPath, ['build.mjs', '--json', '--outdir', outdir], {
      cwd: join(import.meta.dirname, '..'),
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const sizes = JSON.parse(run.stdout) as { file: string; raw: number; gzip: number; brotli: number }[];
    expect(sizes.map((s) => s.file)).toEqual([
      'dist/heatfunnel.js',
      'dist/heatfunnel.mjs',
      'dist/heatfunnel-mini.js',
      'dist/heatfunnel-mini.mjs',
      'dist/heatfunnel-snapshot.js',
    ]);
    for (const s of sizes) expect(s.raw > s.gzip && s.gzip > s.brotli && s.brotli > 0).toBe(true);
    const core = sizes[0];
    expect(core?.gzip, `core IIFE is ${core?.gzip} bytes gzipped`).toBeLessThanOrEqual(CORE_GZIP_BUDGET);

    const text = (file: string) => readFileSync(join(outdir, file), 'utf8');
    for (const marker of RRWEB_MARKERS) {
      expect(text('heatfunnel-snapshot.js'), `the snapshot entry carries rrweb (${marker})`).toContain(
        marker,
      );
      for (const file of ['heatfunnel.js', 'heatfunnel.mjs', 'heatfunnel-mini.js']) {
        expect(text(file), `${file} must not carry rrweb (${marker})`).not.toContain(marker);
      }
    }
    // V8 compiles the snippet's script whole as it streams in, sparing the first click the
    // compile (0.4 ms): the hint must lead the file, and only this file (a shop's bundle
    // would be compiled eagerly with it).
    expect(text('heatfunnel.js').startsWith('//# allFunctionsCalledOnLoad\n')).toBe(true);
    expect(text('heatfunnel.mjs')).not.toContain('allFunctionsCalledOnLoad');
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
