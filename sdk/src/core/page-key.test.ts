import { describe, expect, it } from 'vitest';
import { cleanUrl, hostOf, isIdLike, pageKeyOf, queryParam } from './page-key';

describe('page keys', () => {
  it.each([
    ['https://shop.example/product/12345?color=red', '/product/:id'],
    ['https://shop.example/', '/'],
    ['https://shop.example', '/'],
    ['https://shop.example/u/3f2a9c1e-7b4d-4e8a-9c2b-1a2b3c4d5e6f/orders', '/u/:id/orders'],
    ['https://shop.example/item/SKU12345', '/item/:id'],
    ['https://shop.example/c/iphone-15/reviews', '/c/iphone-15/reviews'],
    ['https://shop.example/blog/2024-summer-sale', '/blog/2024-summer-sale'],
    ['https://shop.example/o/5f1e9a0b2c3d', '/o/:id'],
    ['https://shop.example/app#/product/9?x=1', '/app#/product/:id'],
    ['https://shop.example/list#reviews', '/list'],
    ['pages/product/index?id=3', 'pages/product/index'],
  ])('%s → %s', (url, key) => {
    expect(pageKeyOf(url)).toBe(key);
  });

  it('keeps words, short versions and slugs as they are', () => {
    for (const word of ['checkout', 'v2', 'page2', 'iphone-15', 'deadbeef'])
      expect(isIdLike(word)).toBe(false);
    for (const id of ['42', 'deadbeef42', 'a1b2c3d4e5f6g7h8i9']) expect(isIdLike(id)).toBe(true);
  });

  it('drops query parameters except utm_* and configured ones, and non-route hashes', () => {
    expect(
      cleanUrl('https://s.example/p/1?token=abc&utm_source=wx&lang=zh&utm_medium=cpc#top', ['lang']),
    ).toBe('https://s.example/p/1?utm_source=wx&lang=zh&utm_medium=cpc');
    expect(cleanUrl('https://s.example/#/cart?x=1')).toBe('https://s.example/#/cart?x=1');
  });

  it('reads query parameters and hosts', () => {
    expect(queryParam('a=1&utm_source=we%20chat&b', 'utm_source')).toBe('we chat');
    expect(queryParam('a=1&b', 'b')).toBe('');
    expect(queryParam('a=1', 'c')).toBeUndefined();
    expect(hostOf('https://www.baidu.com:443/s?wd=x')).toBe('www.baidu.com');
    expect(hostOf('')).toBe('');
  });
});
