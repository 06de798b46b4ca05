/** `heatfunnel sites add --snapshot-rate`: set, kept across other changes, checked, listed. */
import { afterAll, expect, it } from 'vitest';
import { siteRegistry } from '../src/store/sites.js';
import { cliDataDir } from './helpers/cli-data-dir.js';

const cli = cliDataDir('hf-snapshot-cli-');
afterAll(cli.cleanup);
const { sites, withStore } = cli;

it('sets a site snapshot rate, keeps it when other settings change, and refuses rates outside 0..1', async () => {
  expect(await sites('add', 'shop')).toMatch(/added shop .*snapshot_rate=1 /);
  expect(await sites('add', 'shop', '--snapshot-rate', '0.25')).toMatch(/updated shop .*snapshot_rate=0.25 /);
  expect(await sites('add', 'shop', '--rate-limit', '10')).toMatch(/rate_limit=10 .*snapshot_rate=0.25 /);
  expect(await sites('add', 'quiet', '--snapshot-rate', '0')).toMatch(/snapshot_rate=0 /);
  for (const bad of ['2', '1.5', 'often', '']) {
    await expect(sites('add', 'shop', '--snapshot-rate', bad)).rejects.toThrow(
      /--snapshot-rate must be a number from 0 to 1/,
    );
  }
  expect(await sites('list')).toMatch(/quiet .*snapshot_rate=0 .*\nshop .*snapshot_rate=0.25 /);

  await withStore(async (store) => {
    const registry = siteRegistry(store, { ttlMs: 0 });
    expect((await registry.find('shop'))?.snapshotRate).toBe(0.25);
    expect((await registry.find('quiet'))?.snapshotRate).toBe(0);
  });
});
