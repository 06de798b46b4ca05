import { describe, expect, it } from 'vitest';
import { backdropUrl } from './backdrop';

const here = 'http://127.0.0.1:8080';

describe('backdrop URL', () => {
  it('frames a page at its own URL', () => {
    expect(backdropUrl(`${here}/demo/product/1`, here)).toBe(`${here}/demo/product/1`);
    expect(backdropUrl('https://shop.example.com/p/2?utm_source=x', here)).toBe(
      'https://shop.example.com/p/2?utm_source=x',
    );
  });

  it('loads demo-shop pages from the viewer’s own server', () => {
    expect(backdropUrl('https://shop.example/demo/product/3', here)).toBe(`${here}/demo/product/3`);
    expect(backdropUrl('https://shop.example/demo/list?sort=deals', here)).toBe(
      `${here}/demo/list?sort=deals`,
    );
  });

  it('refuses what cannot be framed', () => {
    expect(backdropUrl('javascript:alert(1)', here)).toBeNull();
    expect(backdropUrl('http://[bad', here)).toBeNull();
    expect(backdropUrl('pages/product/index?id=3', here)).toBeNull();
  });
});
