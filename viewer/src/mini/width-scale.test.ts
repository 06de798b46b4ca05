import { describe, expect, it } from 'vitest';
import type { PageQuery, PageRow } from '../api';
import { isMiniRoute, scaleForPage } from './width-scale';

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
});
