import { describe, expect, it } from 'vitest';
import type { PageSnapshot } from './api';
import { backdropNoteText, backdropUrl, pickBackdrop } from './backdrop';
import type { Translate } from './i18n';

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

const snapshot = (over: Partial<PageSnapshot> = {}): PageSnapshot => ({
  device: 'desktop',
  fallback: false,
  url: 'https://shop.example/p/1',
  hash: 'abc',
  takenAt: '2026-11-20T10:00:00.000Z',
  viewportWidth: 1440,
  viewportHeight: 900,
  docWidth: 1440,
  docHeight: 3000,
  node: { type: 0, childNodes: [] },
  ...over,
});
const t: Translate = (key, params) => `${key}${params ? JSON.stringify(params) : ''}`;

describe('backdrop pick', () => {
  it('shows the snapshot at its own width when there is one, saying when it was taken', () => {
    const pick = pickBackdrop({
      choice: 'snapshot',
      asked: 'desktop',
      snapshot: snapshot(),
      pageUrl: 'https://shop.example/p/1',
      viewerOrigin: here,
    });
    expect(pick.source).toMatchObject({ kind: 'snapshot', width: 1440, viewportHeight: 900 });
    expect(pick.width).toBe(1440);
    expect(backdropNoteText(pick.note, t)).toBe('backdrop.taken{"date":"2026-11-20","width":1440}');
  });

  it('names the device class a fallback snapshot was taken on', () => {
    const pick = pickBackdrop({
      choice: 'snapshot',
      asked: 'tablet',
      snapshot: snapshot({ fallback: true }),
      pageUrl: null,
      viewerOrigin: here,
    });
    expect(backdropNoteText(pick.note, t)).toBe(
      'backdrop.fallback{"device":"device.tablet","taken":"device.desktop","date":"2026-11-20","width":1440}',
    );
    // Laid out at the tablet bucket's width, so the page reflows to its tablet layout.
    expect(pick.width).toBeNull();
    expect(pick.source).toMatchObject({ kind: 'snapshot', width: 1440 });
  });

  it('frames the live page when asked, or when there is no snapshot', () => {
    const live = { kind: 'live', url: 'https://shop.example/p/1' };
    const asked = pickBackdrop({
      choice: 'live',
      asked: 'desktop',
      snapshot: snapshot(),
      pageUrl: 'https://shop.example/p/1',
      viewerOrigin: here,
    });
    expect(asked).toEqual({ source: live, width: null, note: null });
    const missing = pickBackdrop({
      choice: 'snapshot',
      asked: 'desktop',
      snapshot: null,
      pageUrl: 'https://shop.example/p/1',
      viewerOrigin: here,
    });
    expect(missing).toEqual({ source: live, width: null, note: { key: 'backdrop.noSnapshot' } });
  });

  it('falls back to the snapshot when the live page cannot be framed, and to nothing without either', () => {
    const route = 'pages/product/index?id=3';
    const noLive = pickBackdrop({
      choice: 'live',
      asked: 'mobile',
      snapshot: snapshot(),
      pageUrl: route,
      viewerOrigin: here,
    });
    expect(noLive.source.kind).toBe('snapshot');
    expect(noLive.note).toEqual({ key: 'backdrop.noLive' });
    const none = pickBackdrop({
      choice: 'snapshot',
      asked: 'mobile',
      snapshot: null,
      pageUrl: route,
      viewerOrigin: here,
    });
    expect(none).toEqual({ source: { kind: 'none' }, width: null, note: { key: 'backdrop.none' } });
  });
});
