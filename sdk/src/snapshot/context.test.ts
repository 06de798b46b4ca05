/** The snapshot entry's reading of its own script URL. */
import { describe, expect, it } from 'vitest';
import { contextOf } from './context';

describe('contextOf', () => {
  it('reads the site key, page key and device class, and posts where the script came from', () => {
    expect(
      contextOf(
        'https://hf.example/v1/snapshot.js?k=shop&vw=390&pk=%2Fp%2F%3Aid',
        'https://shop.example/p/7?utm_source=ad&token=x',
      ),
    ).toMatchObject({
      origin: 'https://hf.example',
      context: { k: 'shop', pk: '/p/:id', dc: 'mobile', url: 'https://shop.example/p/7?utm_source=ad' },
    });
    // The page that asked comes from the fragment the core adds.
    expect(
      contextOf(
        'https://hf.example/v1/snapshot.js?k=shop&vw=390&pk=%2F#https://shop.example/a?utm_source=x#/cart',
        'https://shop.example/b',
      ),
    ).toMatchObject({
      page: 'https://shop.example/a?utm_source=x#/cart',
      context: { url: 'https://shop.example/a?utm_source=x#/cart' },
    });
    // An endpoint with a path prefix keeps it.
    expect(
      contextOf('https://example.com/hf/v1/snapshot.js?k=shop&vw=1280&pk=%2F', 'https://shop.example/')
        ?.origin,
    ).toBe('https://example.com/hf');
  });

  it('gives up without a site key, page key or width', () => {
    expect(
      contextOf('https://hf.example/v1/snapshot.js?k=shop&vw=1280', 'https://shop.example/'),
    ).toBeUndefined();
    expect(
      contextOf('https://hf.example/v1/snapshot.js?pk=%2F&vw=1280', 'https://shop.example/'),
    ).toBeUndefined();
    expect(
      contextOf('https://hf.example/v1/snapshot.js?k=shop&pk=%2F&vw=wide', 'https://shop.example/'),
    ).toBeUndefined();
  });
});
