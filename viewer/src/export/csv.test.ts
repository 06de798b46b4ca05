import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, heatmapCsv } from './csv';

describe('CSV export', () => {
  it('writes one row per cell, hottest first, with shares and cell centres in page px', () => {
    const csv = heatmapCsv({
      pageKey: '/demo/product/:id',
      device: 'desktop',
      layer: 'clicks',
      scale: 'document',
      columns: 100,
      rowHeight: 10,
      width: 1280,
      docHeight: 2400,
      total: 4,
      cells: [
        { x: 1, y: 2, n: 1 },
        { x: 23, y: 40, n: 3 },
      ],
    });
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'column,row,clicks,share_pct,x_px,y_px',
      '23,40,3,75.00,300.8,405.0',
      '1,2,1,25.00,19.2,25.0',
      '',
    ]);
  });

  it('quotes fields holding separators or quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(12)).toBe('12');
  });

  it('names files after the view, safe for any file system', () => {
    expect(
      exportFileName(
        { site: 'demo', page: '/demo/product/:id', device: 'mobile', from: '2026-11-01', to: '2026-11-23' },
        'csv',
      ),
    ).toBe('heatfunnel_demo_demo-product-id_mobile_2026-11-01_2026-11-23.csv');
    expect(exportFileName({ site: 'x', page: '/', device: 'desktop', from: 'a', to: 'b' }, 'png')).toBe(
      'heatfunnel_x_root_desktop_a_b.png',
    );
  });
});
