import { expect, it } from 'vitest';
import { fnv1a } from './fnv1a';

it('matches the published FNV-1a 32-bit test vectors, as 8 lower-case hex digits', () => {
  expect(fnv1a('')).toBe('811c9dc5');
  expect(fnv1a('a')).toBe('e40c292c');
  expect(fnv1a('foobar')).toBe('bf9cf968');
  expect(fnv1a('button#buy')).toBe('76066736');
});
