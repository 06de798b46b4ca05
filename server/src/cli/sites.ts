/**
 * `heatfunnel sites add|list|rotate-key|rotate-read-token|clear-read-token`: manage sites, their write
 * keys, read tokens, allowed origins and ingest settings in the store. With the embedded engine,
 * run it while the server is stopped (one process owns the data directory); a running server sees changes within 10 s.
 */
import { hashReadToken, newReadToken } from '../api/auth.js';
import { loadConfig } from '../config.js';
import { migrate } from '../store/migrate.js';
import { type IpMode, newWriteKey, type Site, siteRegistry, writeKeyOf } from '../store/sites.js';
import { openStore } from '../store/store.js';
import { parseCommandArgs } from './command-args.js';

export const SITES_HELP = `heatfunnel sites <add|list|rotate-key|rotate-read-token|clear-read-token> [options]

  sites list                        every site with its write key, origins and settings
  sites add KEY [--name N] [--origin O]... [--ip truncate|drop] [--rate-limit N] [--snapshot-rate R]
                                    add a site, or change the given settings of one
  sites rotate-key KEY              give the site a new write key; the old one stops working
  sites add KEY --read-token        also lock the site's read API (viewer) with a read token,
                                    printed once; a site without one is open to anyone who
                                    reaches the server
  sites rotate-read-token KEY       give the site a new read token; the old one stops working
  sites clear-read-token KEY        remove the read token: the site's data is open again

Origins are exact (https://shop.example) or a wildcard subdomain (https://*.shop.example);
none means any origin may send. --rate-limit is batches per second, 0 for the server default.
--snapshot-rate (0..1, default 1) is the share of page views, of pages with no snapshot in the
last 7 days, asked to send a page snapshot for the heatmap backdrop; 0 turns snapshots off.
`;

const describe = (site: Site) =>
  [
    site.key,
    `name=${JSON.stringify(site.name)}`,
    `write_key=${writeKeyOf(site)}`,
    `origins=${site.origins.length > 0 ? site.origins.join(',') : '*'}`,
    `ip=${site.ipMode ?? 'truncate'}`,
    `rate_limit=${site.rateLimit || 'default'}`,
    `snapshot_rate=${site.snapshotRate ?? 1}`,
    `read=${site.readTokenHash ? 'token' : 'open'}`,
  ].join('  ');

const printReadToken = (site: Site, token: string, print: (line: string) => void) => {
  print(`read token for ${site.key}: ${token}`);
  print(
    'it is shown only now (the server keeps a hash); the viewer asks for it once per browser; API clients send "Authorization: Bearer <token>"',
  );
};

/** Runs a `sites` subcommand; `print` receives each output line. */
export async function sitesCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = console.log,
): Promise<void> {
  const { values, positionals } = parseCommandArgs(argv, {
    name: { type: 'string' },
    origin: { type: 'string', multiple: true },
    ip: { type: 'string' },
    'snapshot-rate': { type: 'string' },
    'read-token': { type: 'boolean' },
  });
  const [action, key, extra] = positionals;
  if (!action || extra !== undefined) throw new Error(`usage:\n${SITES_HELP}`);
  const { origin, name, ip, 'snapshot-rate': snapshotFlag, 'read-token': lock } = values;
  if (ip !== undefined && ip !== 'truncate' && ip !== 'drop')
    throw new Error(`--ip must be "truncate" or "drop", got "${ip}"`);
  const rate = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (rate !== undefined && !(Number.isInteger(rate) && rate >= 0))
    throw new Error(
      `--rate-limit must be a whole number of batches per second, got "${values['rate-limit']}"`,
    );
  const snapshotRate = snapshotFlag === undefined ? undefined : Number(snapshotFlag);
  if (snapshotRate !== undefined && !(snapshotFlag !== '' && snapshotRate >= 0 && snapshotRate <= 1))
    throw new Error(
      `--snapshot-rate must be a number from 0 to 1 (0 turns snapshots off), got "${snapshotFlag}"`,
    );
  const store = await openStore(loadConfig(values, env).store);
  try {
    await migrate(store);
    const sites = siteRegistry(store, { ttlMs: 0 });
    const existing = key ? await sites.find(key) : undefined;
    switch (action) {
      case 'list': {
        const all = await sites.list();
        if (all.length === 0)
          print('no sites yet; add one with `heatfunnel sites add KEY --origin https://your.shop`');
        for (const site of all) print(describe(site));
        return;
      }
      case 'add': {
        if (!key || !/^[A-Za-z0-9_.-]{1,128}$/.test(key))
          throw new Error('sites add needs a KEY of letters, digits, ".", "_" or "-" (at most 128)');
        const site: Site = {
          key,
          name: name ?? existing?.name ?? key,
          origins: origin ?? existing?.origins ?? [],
          writeKey: existing?.writeKey ?? '',
          ipMode: (ip as IpMode | undefined) ?? existing?.ipMode ?? 'truncate',
          rateLimit: rate ?? existing?.rateLimit ?? 0,
          snapshotRate: snapshotRate ?? existing?.snapshotRate ?? 1,
          readTokenHash: existing?.readTokenHash ?? '',
        };
        // --read-token gives a token to a site that has none; an existing one is kept (rotate it to change it).
        const token = lock && !site.readTokenHash ? newReadToken() : undefined;
        if (token) site.readTokenHash = hashReadToken(token);
        await sites.save(site);
        print(`${existing ? 'updated' : 'added'} ${describe(site)}`);
        if (token) printReadToken(site, token, print);
        else if (lock)
          print(`${key} already has a read token; \`heatfunnel sites rotate-read-token ${key}\` replaces it`);
        return;
      }
      case 'rotate-key': {
        if (!existing) throw new Error(`no site "${key ?? ''}"; \`heatfunnel sites list\` shows the sites`);
        const site = { ...existing, writeKey: newWriteKey() };
        await sites.save(site);
        print(`new write key for ${site.key}: ${writeKeyOf(site)}`);
        print("put it in the snippet's hf('init', { site }); batches with the old key now get 401");
        return;
      }
      case 'rotate-read-token':
      case 'clear-read-token': {
        if (!existing) throw new Error(`no site "${key ?? ''}"; \`heatfunnel sites list\` shows the sites`);
        const token = action === 'rotate-read-token' ? newReadToken() : undefined;
        const site = { ...existing, readTokenHash: token ? hashReadToken(token) : '' };
        await sites.save(site);
        if (token) printReadToken(site, token, print);
        else print(`${site.key} has no read token now: its data is open to anyone who reaches the server`);
        return;
      }
      default:
        throw new Error(`unknown sites action "${action}"\n${SITES_HELP}`);
    }
  } finally {
    await store.close();
  }
}
