/** `heatfunnel sites add --read-token`, `rotate-read-token` and `clear-read-token` on a fresh data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashReadToken } from '../src/api/auth.js';
import { sitesCommand } from '../src/cli/sites.js';
import { siteRegistry } from '../src/store/sites.js';
import { openStore } from '../src/store/store.js';

describe('heatfunnel sites and read tokens', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hf-read-token-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    await sitesCommand([...args, '--data-dir', dataDir], {}, (line) => lines.push(line));
    return lines.join('\n');
  };
  const tokenIn = (out: string) => /read token for shop: (rt_\S+)/.exec(out)?.[1];
  const hashOf = async () => {
    const store = await openStore({ dataDir, database: 'heatfunnel' });
    try {
      return (await siteRegistry(store).find('shop'))?.readTokenHash;
    } finally {
      await store.close();
    }
  };

  it('gives a site a token once, rotates it and clears it', async () => {
    const added = await run('add', 'shop', '--read-token');
    expect(added).toMatch(/added shop .*read=token/);
    const first = tokenIn(added);
    expect(first).toBeDefined();
    expect(await hashOf()).toBe(hashReadToken(first as string));
    // Adding again keeps the token (and says how to change it) instead of silently replacing it.
    expect(await run('add', 'shop', '--read-token')).toMatch(/already has a read token/);
    expect(await hashOf()).toBe(hashReadToken(first as string));
    const second = tokenIn(await run('rotate-read-token', 'shop'));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await hashOf()).toBe(hashReadToken(second as string));
    expect(await run('list')).not.toContain(second as string);
    expect(await run('clear-read-token', 'shop')).toMatch(/no read token now/);
    expect(await run('list')).toMatch(/read=open/);
    await expect(run('rotate-read-token', 'nope')).rejects.toThrow(/no site "nope"/);
  });
});
