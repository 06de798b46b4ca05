import { describe, expect, it } from 'vitest';
import type { PageQuery, PageRow } from '../api';
import { deviceForPage, isMiniRoute, scaleForPage, widthScaledBackdrop } from './width-scale';

const row = (pageKey: string, url: string): PageRow => ({
  pageKey,
  url,
  pageviews: 1,
  clicks: 1,
  medianScrollDepth: null,
});
const query = (page: string): PageQuery => ({
  site: 's',
  page,
  device: 'mobile',
  from: '2026-11-01',
  to: '2026-11-23',
  segment: {},
});

describe('mini-program pages', () => {
  it('tells mini-program routes from web addresses', () => {
    expect(isMiniRoute('/pages/goods/index?id=7')).toBe(true);
    expect(isMiniRoute('pages/index/index')).toBe(true);
    expect(isMiniRoute('https://shop.example/product/7')).toBe(false);
    expect(isMiniRoute('http://127.0.0.1:8080/demo/')).toBe(false);
  });

  it('asks for width-normalised cells on mini-program pages only', () => {
    const pages = [
      row('/pages/goods/index', '/pages/goods/index?id=7'),
      row('/p/:id', 'https://a.example/p/1'),
    ];
    expect(scaleForPage(query('/pages/goods/index'), pages)?.scale).toBe('width');
    expect(scaleForPage(query('/p/:id'), pages)?.scale).toBeUndefined();
    // A page not in the list (yet) is asked for as it is.
    expect(scaleForPage(query('/other'), pages)).toEqual(query('/other'));
    expect(scaleForPage(null, pages)).toBeNull();
  });

  it('opens mini-program pages asked for on desktop in the mobile bucket; web pages and a chosen tablet stay', () => {
    const pages = [row('/pages/cart/index', '/pages/cart/index'), row('/p/:id', 'https://a.example/p/1')];
    expect(deviceForPage('/pages/cart/index', pages, 'desktop')).toBe('mobile');
    expect(deviceForPage('/pages/cart/index', pages, 'tablet')).toBe('tablet');
    expect(deviceForPage('/p/:id', pages, 'desktop')).toBe('desktop');
    // Before the page list arrives nothing is known: the URL's bucket stays.
    expect(deviceForPage('/pages/cart/index', null, 'desktop')).toBe('desktop');
    expect(deviceForPage(null, pages, 'desktop')).toBe('desktop');
  });

  it('gives width-normalised views no backdrop width, so their rows are never laid out at a snapshot’s', () => {
    const scaled = scaleForPage(query('/pages/goods/index'), [
      row('/pages/goods/index', '/pages/goods/index'),
    ]);
    expect(scaled && widthScaledBackdrop(scaled)).toEqual({
      source: { kind: 'none' },
      width: null,
      note: null,
    });
    expect(widthScaledBackdrop(query('/p/:id'))).toBeUndefined();
  });
});
