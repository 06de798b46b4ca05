import { describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol';
import { adapt, detectApi } from './api';
import { handlerName } from './frameworks';
import { fitStored, STORE_MAX_BYTES } from './mini-platform';
import { queryString, tapSelector } from './track';
import { eventArg } from './wrap';

describe('mini-program helpers', () => {
  it('fits stored values under the per-key bound: arrays keep their newest items, other large values are refused', () => {
    expect(fitStored('{"a":1}')).toBe('{"a":1}');
    const items = Array.from({ length: 400 }, (_, i) => ({ i, pad: '热'.repeat(100) }));
    const fitted = fitStored(JSON.stringify(items)) ?? '';
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(STORE_MAX_BYTES);
    const kept = JSON.parse(fitted) as { i: number }[];
    expect(kept.at(-1)?.i).toBe(399);
    expect(kept.map((k) => k.i)).toEqual(
      Array.from({ length: kept.length }, (_, n) => 400 - kept.length + n),
    );
    expect(fitStored(`"${'x'.repeat(STORE_MAX_BYTES)}"`)).toBeUndefined();
  });

  it('finds the event in the first argument, else the last, and only objects with type and currentTarget (Alipay: target)', () => {
    const e = { type: 'tap', currentTarget: {} };
    const alipay = { type: 'tap', target: { dataset: {}, targetDataset: {} } };
    expect(eventArg([e, 1])).toBe(e);
    expect(eventArg(['sku', 2, e])).toBe(e);
    expect(eventArg([alipay])).toBe(alipay);
    expect(eventArg(['sku', e, 2])).toBeUndefined();
    expect(eventArg([{ type: 'tap' }])).toBeUndefined();
    expect(eventArg([])).toBeUndefined();
  });

  it('names a tap by handler, id and scalar data-* in kebab case, sorted, within the key limit', () => {
    expect(tapSelector('onBuy', 'buy', { skuId: 'A1', n: 2, obj: { x: 1 }, ok: true })).toBe(
      'onBuy#buy[data-n=2][data-ok=true][data-sku-id=A1]',
    );
    expect(tapSelector('hold', undefined, {})).toBe('hold');
    expect(tapSelector('h', undefined, { a: 'x'.repeat(100) })).toBe(`h[data-a=${'x'.repeat(40)}]`);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v'.repeat(40)]));
    expect(tapSelector('h', 'i', many)).toHaveLength(LIMITS.maxKeyLength);
  });

  it("names a uni-app (Vue 3) invoker's handler: function name, bound method, or the method an inline handler calls", () => {
    function onBuy() {}
    const methods = { onPick() {} };
    const ctx = { addToCart: (..._: unknown[]) => undefined };
    expect(handlerName(onBuy)).toBe('onBuy');
    expect(handlerName(methods.onPick.bind({}))).toBe('onPick');
    expect(handlerName([($event: unknown) => ctx.addToCart('sku', $event), onBuy])).toBe('addToCart');
    expect(handlerName(() => undefined)).toBeUndefined();
    expect(handlerName('onBuy')).toBeUndefined();
  });

  it('writes a query object as a query string', () => {
    expect(queryString({ id: 5, q: 'a b&c' })).toBe('?id=5&q=a%20b%26c');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('detects Alipay, Douyin and Baidu before wx, which some of them alias', () => {
    const raw = { request() {}, getStorageSync() {} };
    const g = globalThis as Record<string, unknown>;
    try {
      Object.assign(g, { wx: raw, tt: raw });
      expect(detectApi()?.platform).toBe('douyin');
      delete g.tt;
      expect(detectApi()?.platform).toBe('weapp');
    } finally {
      delete g.wx;
      delete g.tt;
    }
    expect(detectApi()).toBeUndefined();
    expect(adapt('my', raw).platform).toBe('alipay');
  });
});
