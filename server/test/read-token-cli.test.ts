/** `heatfunnel sites add --read-token`, `rotate-read-token` and `clear-read-token` on a fresh data directory. */
import { afterAll, describe, expect, it } from 'vitest';
import { hashReadToken } from '../src/api/auth.js';
import { siteRegistry } from '../src/store/sites.js';
import { cliDataDir } from './helpers/cli-data-dir.js';

describe('heatfunnel sites and read tokens', () => {
  const cli = cliDataDir('hf-read-token-');
  afterAll(cli.cleanup);
  const { sites, withStore } = cli;
  const tokenIn = (out: string) => /read token for shop: (rt_\S+)/.exec(out)?.[1];
  const hashOf = () => withStore(async (store) => (await siteRegistry(store).find('shop'))?.readTokenHash);

  it('gives a site a token once, rotates it and clears it', async () => {
    const added = await sites('add', 'shop', '--read-token');
    expect(added).toMatch(/added shop .*read=token/);
    const first = tokenIn(added);
    expect(first).toBeDefined();
    expect(await hashOf()).toBe(hashReadToken(first as string));
    // Adding again keeps the token (and says how to change it) instead of silently replacing it.
    expect(await sites('add', 'shop', '--read-token')).toMatch(/already has a read token/);
    expect(await hashOf()).toBe(hashReadToken(first as string));
    const second = tokenIn(await sites('rotate-read-token', 'shop'));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await hashOf()).toBe(hashReadToken(second as string));
    expect(await sites('list')).not.toContain(second as string);
    expect(await sites('clear-read-token', 'shop')).toMatch(/no read token now/);
    expect(await sites('list')).toMatch(/read=open/);
    await expect(sites('rotate-read-token', 'nope')).rejects.toThrow(/no site "nope"/);
  });
});
