import { describe, expect, it } from 'vitest';
import { buildPalette, DEFAULT_STOPS, PALETTE_SIZE, paletteColor, parseHexColor } from './palette';

const entry = (p: Uint8ClampedArray, i: number) => [...p.slice(i * 4, i * 4 + 4)];

describe('palette', () => {
  it('parses #rgb and #rrggbb and refuses anything else', () => {
    expect(parseHexColor('#ff8000')).toEqual([255, 128, 0]);
    expect(parseHexColor('#0f0')).toEqual([0, 255, 0]);
    expect(() => parseHexColor('red')).toThrow(/#rgb or #rrggbb/);
  });

  it('has 256 RGBA entries running cold blue to hot red, alpha equal to intensity', () => {
    const p = buildPalette();
    expect(p.length).toBe(PALETTE_SIZE * 4);
    expect(entry(p, 0)).toEqual([0, 0, 255, 0]);
    expect(entry(p, 255)).toEqual([255, 0, 0, 255]);
    expect(entry(p, 128).slice(0, 3)).toEqual([2, 255, 0]);
    for (let i = 0; i < PALETTE_SIZE; i++) expect(p[i * 4 + 3]).toBe(i);
  });

  it('interpolates linearly between stops and clamps outside them', () => {
    const p = buildPalette([
      { at: 0.5, color: '#000000' },
      { at: 1, color: '#ffffff' },
    ]);
    expect(entry(p, 0).slice(0, 3)).toEqual([0, 0, 0]);
    expect(entry(p, 127).slice(0, 3)).toEqual([0, 0, 0]);
    const mid = entry(p, 191)[0] ?? 0;
    expect(mid).toBeGreaterThan(120);
    expect(mid).toBeLessThan(136);
    expect(entry(p, 255).slice(0, 3)).toEqual([255, 255, 255]);
  });

  it('sorts unordered stops and refuses an empty list', () => {
    const reversed = buildPalette([...DEFAULT_STOPS].reverse());
    expect(reversed).toEqual(buildPalette());
    expect(() => buildPalette([])).toThrow(/at least one/);
  });

  it('names the colour of an intensity for the legend', () => {
    const p = buildPalette();
    expect(paletteColor(p, 1)).toBe('rgb(255 0 0)');
    expect(paletteColor(p, -3)).toBe('rgb(0 0 255)');
  });
});
