/** `heatfunnel sites add --snapshot-rate`: set, kept across other changes, checked, listed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { sitesCommand } from '../src/cli/sites.js';
import { siteRegistry } from '../src/store/sites.js';
import { openStore } from '../src/store/store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hf-snapshot-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const lines: string[] = [];
  await sitesCommand([...args, '--data-dir', dataDir], {}, (line) => lines.push(line));
  return lines.join('\n');
};

it('sets a site snapshot rate, keeps it when other settings change, and refuses rates outside 0..1', async () => {
  expect(await run('add', 'shop')).toMatch(/added shop .*snapshot_rate=1 /);
  expect(await run('add', 'shop', '--snapshot-rate', '0.25')).toMatch(/updated shop .*snapshot_rate=0.25 /);
  expect(await run('add', 'shop', '--rate-limit', '10')).toMatch(/rate_limit=10 .*snapshot_rate=0.25 /);
  expect(await run('add', 'quiet', '--snapshot-rate', '0')).toMatch(/snapshot_rate=0 /);
  for (const bad of ['2', '1.5', 'often', '']) {
    await expect(run('add', 'shop', '--snapshot-rate', bad)).rejects.toThrow(
      /--snapshot-rate must be a number from 0 to 1/,
    );
  }
  expect(await run('list')).toMatch(/quiet .*snapshot_rate=0 .*\nshop .*snapshot_rate=0.25 /);

  const store = await openStore({ dataDir, database: 'heatfunnel' });
  try {
    const sites = siteRegistry(store, { ttlMs: 0 });
    expect((await sites.find('shop'))?.snapshotRate).toBe(0.25);
    expect((await sites.find('quiet'))?.snapshotRate).toBe(0);
  } finally {
    await store.close();
  }
});
