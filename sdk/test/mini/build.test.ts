/**
 * The mini-program build: at most 8 KB gzipped (issue 6), and the built CommonJS file itself
 * works when `require`d in a (fake) WeChat runtime, as `app.js` would load it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { installRuntime } from './fake-runtime';
import { T0 } from './harness';

const MINI_GZIP_BUDGET = 8 * 1024;
const outdir = mkdtempSync(join(tmpdir(), 'hf-mini-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const built = () => {
  const run = spawnSync(process.execPath, ['build.mjs', '--json', '--outdir', outdir], {
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { file: string; raw: number; gzip: number; brotli: number }[];
};

it('builds the mini-program CommonJS file within 8 KB gzipped', () => {
  const mini = built().find((s) => s.file === 'dist/heatfunnel-mini.js');
  expect(mini, 'build.mjs has no dist/heatfunnel-mini.js entry').toBeDefined();
  expect(mini?.gzip, `mini-program build is ${mini?.gzip} bytes gzipped`).toBeLessThanOrEqual(
    MINI_GZIP_BUDGET,
  );
});

it('the built file, required at the top of app.js, wraps Page and sends a page view and a tap', async () => {
  vi.useFakeTimers({ now: T0 });
  const rt = installRuntime('wx', { enter: { scene: 1011, query: {} } });
  try {
    const { init } = createRequire(import.meta.url)(join(outdir, 'heatfunnel-mini.js'));
    init({ site: 'shop', endpoint: 'https://hf.example.com' });
    const Page = (globalThis as unknown as { Page: (def: object) => void }).Page;
    rt.page('pages/index/index', () => Page({ onBuy() {} }));
    rt.launch('pages/index/index?utm_source=qr');
    rt.tap({ id: 'buy', left: 0, top: 0, width: 10, height: 10, bind: { tap: 'onBuy' } }, 12, 34);
    await vi.advanceTimersByTimeAsync(6000);
    expect(rt.events().map((e) => [e.t, e.p, e.pk, e.ch, 'sel' in e ? e.sel : undefined])).toEqual([
      ['pageview', 'weapp', '/pages/index/index', 'qr', undefined],
      ['click', 'weapp', '/pages/index/index', 'qr', 'onBuy#buy'],
    ]);
  } finally {
    rt.uninstall();
    vi.useRealTimers();
  }
});
