/** `heatfunnel sites add|list|rotate-key` and `heatfunnel quarantine` on a fresh data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { quarantineCommand } from '../src/cli/quarantine.js';
import { sitesCommand } from '../src/cli/sites.js';
import { siteRegistry } from '../src/store/sites.js';
import { openStore } from '../src/store/store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hf-sites-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const lines: string[] = [];
  await sitesCommand([...args, '--data-dir', dataDir], {}, (line) => lines.push(line));
  return lines.join('\n');
};

it('adds, lists, updates and rotates the key of a site', async () => {
  expect(await run('list')).toMatch(/no sites yet/);
  expect(await run('add', 'shop', '--name', 'My shop', '--origin', 'https://shop.example')).toMatch(
    /added shop .*write_key=shop .*origins=https:\/\/shop.example/,
  );
  expect(await run('add', 'shop', '--ip', 'drop', '--rate-limit', '50')).toMatch(
    /updated shop .*name="My shop".*ip=drop .*rate_limit=50/,
  );
  const rotated = await run('rotate-key', 'shop');
  const key = /new write key for shop: (wk_\S+)/.exec(rotated)?.[1];
  expect(key).toBeDefined();
  expect(await run('list')).toContain(`write_key=${key}`);
  await expect(run('rotate-key', 'nope')).rejects.toThrow(/no site "nope"/);
  await expect(run('add', 'shop', '--ip', 'keep')).rejects.toThrow(/--ip must be/);

  const store = await openStore({ dataDir, database: 'heatfunnel' });
  try {
    const site = await siteRegistry(store).findByWriteKey(key as string);
    expect(site).toMatchObject({
      key: 'shop',
      ipMode: 'drop',
      rateLimit: 50,
      origins: ['https://shop.example'],
    });
  } finally {
    await store.close();
  }
});

it('shows the latest refused input, filtered by site and reason', async () => {
  const store = await openStore({ dataDir, database: 'heatfunnel' });
  try {
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
  } finally {
    await store.close();
  }
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
