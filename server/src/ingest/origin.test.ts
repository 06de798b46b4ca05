import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin.js';

describe('originAllowed', () => {
  it('allows any origin for a site without a list, and requests without an Origin', () => {
    expect(originAllowed('https://anything.example', [])).toBe(true);
    expect(originAllowed(undefined, ['https://shop.example'])).toBe(true);
  });

  it('matches exact origins and wildcard subdomains, nothing looser', () => {
    const list = ['https://shop.example', 'https://*.cdn.example'];
    expect(originAllowed('https://shop.example', list)).toBe(true);
    expect(originAllowed('https://SHOP.example', list)).toBe(true);
    expect(originAllowed('http://shop.example', list)).toBe(false);
    expect(originAllowed('https://a.cdn.example', list)).toBe(true);
    expect(originAllowed('https://cdn.example', list)).toBe(false);
    expect(originAllowed('https://evilcdn.example', list)).toBe(false);
    expect(originAllowed('null', list)).toBe(false);
  });
});
