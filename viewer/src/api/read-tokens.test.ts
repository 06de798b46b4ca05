import { describe, expect, it } from 'vitest';
import { readTokens } from './read-tokens';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
};

describe('read tokens', () => {
  it('keeps one token per site and the site last opened', () => {
    const storage = memoryStorage();
    const tokens = readTokens(storage);
    tokens.set('shop', 'rt_a');
    tokens.set('blog', 'rt_b');
    // A fresh page (a new store over the same storage) finds them again.
    const again = readTokens(storage);
    expect(again.get('shop')).toBe('rt_a');
    expect(again.get('blog')).toBe('rt_b');
    expect(again.lastSite()).toBe('blog');
    again.forget('blog');
    expect(again.get('blog')).toBeNull();
    expect(again.lastSite()).toBeNull();
    expect([...storage.items.keys()]).toEqual(['heatfunnel.readToken.shop']);
  });

  it('keeps tokens for the page when storage refuses them', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    const tokens = readTokens(refusing);
    tokens.set('shop', 'rt_a');
    expect(tokens.get('shop')).toBe('rt_a');
    expect(readTokens(null).get('shop')).toBeNull();
  });
});
