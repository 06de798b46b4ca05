/**
 * What a request tells about its events beyond the events themselves: browser, OS and
 * device type from the user agent (ua-parser-js), a bot flag (isbot's list of known
 * crawlers), and the client address cut to its network (or dropped) before anything is stored.
 */
import { isIP } from 'node:net';
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { IpMode } from '../store/sites.js';
import type { Enrichment } from './event-row.js';

type UaFields = Omit<Enrichment, 'ip'>;

const parsed = new Map<string, UaFields>();
// Real traffic repeats a few hundred user agents; parsing each once keeps ingest fast.
const CACHE_SIZE = 2_000;
const MAX_UA_LENGTH = 512;

/** Browser, OS, device type and bot flag of a user agent string (cached). */
export function parseUserAgent(userAgent: string | undefined): UaFields {
  const ua = (userAgent ?? '').slice(0, MAX_UA_LENGTH);
  const hit = parsed.get(ua);
  if (hit) return hit;
  const result = new UAParser(ua).getResult();
  const fields: UaFields = {
    browser: result.browser.name ?? '',
    os: result.os.name ?? '',
    // ua-parser-js names mobile, tablet, smarttv... and leaves desktops unnamed.
    ua_device: result.device.type ?? (ua ? 'desktop' : ''),
    bot: ua && isbot(ua) ? 1 : 0,
  };
  if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  parsed.set(ua, fields);
  return fields;
}

/**
 * `address` cut to its network: IPv4 to /24 (`203.0.113.0`), IPv6 to /48 (`2001:db8:1::`);
 * empty when `mode` is 'drop' or the address is not an IP. The whole address is never kept.
 */
export function truncateIp(address: string | undefined, mode: IpMode = 'truncate'): string {
  if (mode === 'drop' || !address) return '';
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const kind = isIP(plain);
  if (kind === 4) return `${plain.split('.').slice(0, 3).join('.')}.0`;
  if (kind !== 6) return '';
  const [head = '', tail = ''] = plain.split('::');
  const groups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // Expand a '::' that falls inside the first three groups.
  while (groups.length < 3 && plain.includes('::') && groups.length + tailGroups.length < 8) groups.push('0');
  return `${groups
    .slice(0, 3)
    .map((g) => g.toLowerCase())
    .join(':')}::`;
}

/** The enrichment of a request from `userAgent` and `address`, for a site keeping `ipMode`. */
export function enrich(
  userAgent: string | undefined,
  address: string | undefined,
  ipMode: IpMode,
): Enrichment {
  return { ...parseUserAgent(userAgent), ip: truncateIp(address, ipMode) };
}
