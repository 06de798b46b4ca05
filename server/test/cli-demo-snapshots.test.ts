/**
 * `heatfunnel demo` on a data directory seeded before the seed stored snapshots (events, no
 * snapshots): it stores the demo pages' snapshots once, so the viewer shows snapshot
 * backdrops instead of "no snapshot yet", and leaves them alone on the next start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { DEMO_PAGES } from '../src/demo/layout.js';

const bin = fileURLToPath(new URL('../bin/heatfunnel.mjs', import.meta.url));
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'hf-cli-snap-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });

/**
 * Runs `sql` on the data directory in a process of its own (the embedded engine binds one
 * data directory per process) and prints the demo site's snapshots per device class.
 */
function onStore(sql: string): Record<string, number> {
  const script = `
    import { parseConfigArgs } from './src/config.ts';
    import { openStore } from './src/store/store.ts';
    const store = await openStore(parseConfigArgs(['--data-dir', ${JSON.stringify(dataDir)}]).config.store);
    const t = store.table('snapshots');
    if (${JSON.stringify(sql)}) await store.client.command({ query: ${JSON.stringify(sql)}.replace('$t', t) });
    const r = await store.client.query({
      query: 'SELECT device, count() AS n FROM ' + t + " WHERE site = 'demo' GROUP BY device",
      format: 'JSONEachRow',
    });
    const out = {};
    for (const row of await r.json()) out[row.device] = Number(row.n);
    console.log(JSON.stringify(out));
    await store.close();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: serverDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`store script failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

it('stores the demo snapshots when data from before has none, once', () => {
  const seeded = cli('seed', '--events', '2000');
  expect(seeded.status, seeded.stderr).toBe(0);
  // Data from before the seed stored snapshots: events, and no snapshot of any page.
  expect(onStore('TRUNCATE TABLE $t')).toEqual({});

  const first = cli('demo', '--port', '0', '--exit-after-start');
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/demo data present \(\d+ events\)/);
  expect(first.stdout).toContain(`stored ${DEMO_PAGES.length * 3} demo page snapshots (the data had none)`);
  const perDevice = { desktop: DEMO_PAGES.length, tablet: DEMO_PAGES.length, mobile: DEMO_PAGES.length };
  expect(onStore('')).toEqual(perDevice);

  const second = cli('demo', '--port', '0', '--exit-after-start');
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).not.toContain('demo page snapshots');
  expect(onStore('')).toEqual(perDevice);
}, 300_000);
