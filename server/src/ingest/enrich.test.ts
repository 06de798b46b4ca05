import { describe, expect, it } from 'vitest';
import { enrich, parseUserAgent, truncateIp } from './enrich.js';

describe('truncateIp', () => {
  it('keeps the /24 of IPv4 and the /48 of IPv6, never the whole address', () => {
    expect(truncateIp('203.0.113.77')).toBe('203.0.113.0');
    expect(truncateIp('::ffff:198.51.100.9')).toBe('198.51.100.0');
    expect(truncateIp('2001:db8:85a3:1:2:3:4:5')).toBe('2001:db8:85a3::');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0::');
    expect(truncateIp('::1')).toBe('0:0:0::');
  });

  it('drops the address when the site says so, and anything that is not an address', () => {
    expect(truncateIp('203.0.113.77', 'drop')).toBe('');
    expect(truncateIp('not-an-ip')).toBe('');
    expect(truncateIp(undefined)).toBe('');
  });
});

describe('parseUserAgent', () => {
  it('names browser, OS and device type, and flags known bots', () => {
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(parseUserAgent(chrome)).toEqual({
      browser: 'Chrome',
      os: 'Windows',
      ua_device: 'desktop',
      bot: 0,
    });
    expect(
      parseUserAgent('Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)').bot,
    ).toBe(1);
    expect(parseUserAgent(undefined)).toEqual({ browser: '', os: '', ua_device: '', bot: 0 });
  });

  it('combines with the address into one enrichment', () => {
    expect(enrich(undefined, '10.1.2.3', 'truncate')).toMatchObject({ ip: '10.1.2.0', bot: 0 });
  });
});
