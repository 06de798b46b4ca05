/** `heatfunnel sites add|list|rotate-key` and `heatfunnel quarantine` on a fresh data directory. */
import { afterAll, expect, it } from 'vitest';
import { quarantineCommand } from '../src/cli/quarantine.js';
import { siteRegistry } from '../src/store/sites.js';
import { cliDataDir } from './helpers/cli-data-dir.js';

const cli = cliDataDir('hf-sites-');
afterAll(cli.cleanup);
const { dataDir, sites, withStore } = cli;

it('adds, lists, updates and rotates the key of a site', async () => {
  expect(await sites('list')).toMatch(/no sites yet/);
  expect(await sites('add', 'shop', '--name', 'My shop', '--origin', 'https://shop.example')).toMatch(
    /added shop .*write_key=shop .*origins=https:\/\/shop.example/,
  );
  expect(await sites('add', 'shop', '--ip', 'drop', '--rate-limit', '50')).toMatch(
    /updated shop .*name="My shop".*ip=drop .*rate_limit=50/,
  );
  const rotated = await sites('rotate-key', 'shop');
  const key = /new write key for shop: (wk_\S+)/.exec(rotated)?.[1];
  expect(key).toBeDefined();
  expect(await sites('list')).toContain(`write_key=${key}`);
  await expect(sites('rotate-key', 'nope')).rejects.toThrow(/no site "nope"/);
  await expect(sites('add', 'shop', '--ip', 'keep')).rejects.toThrow(/--ip must be/);

  await withStore(async (store) => {
    const site = await siteRegistry(store).findByWriteKey(key as string);
    expect(site).toMatchObject({
      key: 'shop',
      ipMode: 'drop',
      rateLimit: 50,
      origins: ['https://shop.example'],
    });
  });
});

it('shows the latest refused input, filtered by site and reason', async () => {
  await withStore(async (store) => {
    const row = {
      received_at: Date.now(),
      field: 'vw',
      message: 'vw must be a number',
      event_index: 1,
      payload: '{}',
    };
    await store.client.insert({
      table: store.table('quarantine'),
      values: [
        { ...row, site: 'shop', reason: 'invalid_field' },
        { ...row, site: 'other', reason: 'invalid_field' },
        { ...row, site: 'shop', reason: 'unknown_type', field: 't' },
      ],
      format: 'JSONEachRow',
    });
  });
  const lines: string[] = [];
  await quarantineCommand(
    ['--data-dir', dataDir, '--site', 'shop', '--reason', 'invalid_field'],
    {},
    (line) => lines.push(line),
  );
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({ site: 'shop', reason: 'invalid_field', field: 'vw', event_index: 1 }),
  ]);
  await expect(quarantineCommand(['--data-dir', dataDir, '--limit', '0'], {}, () => {})).rejects.toThrow(
    /--limit/,
  );
});
