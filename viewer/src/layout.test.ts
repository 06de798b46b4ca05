import { describe, expect, it } from 'vitest';
import { fitStage, heatRadius, MAX_CANVAS_SIDE } from './layout';

describe('stage layout', () => {
  it('scales a wide page down to the panel and never enlarges a narrow one', () => {
    const wide = fitStage({ width: 1280, height: 2400, panelWidth: 640 });
    expect(wide.scale).toBe(0.5);
    expect([wide.cssWidth, wide.cssHeight]).toEqual([640, 1200]);
    const narrow = fitStage({ width: 390, height: 1800, panelWidth: 900, devicePixelRatio: 2 });
    expect(narrow.scale).toBe(1);
    expect([narrow.canvasWidth, narrow.canvasHeight]).toEqual([780, 3600]);
  });

  it('lowers the canvas resolution for very long pages', () => {
    const long = fitStage({ width: 1280, height: 60_000, panelWidth: 1280, devicePixelRatio: 2 });
    expect(long.canvasHeight).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(long.pixelRatio).toBeLessThan(1);
  });

  it('makes blobs two cells wide', () => {
    expect(heatRadius({ columns: 100, rowHeight: 10, width: 1280 })).toBeCloseTo(25.6);
    expect(heatRadius({ columns: 100, rowHeight: 10, width: 390 })).toBe(20);
  });
});
