/**
 * Seeded randomness for the generator: reproducible runs with `SEED`, no crypto needed,
 * and the same code in k6 and in Node.
 */

/** A seeded pseudo-random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Picks a key from `[key, weight]` pairs with `random`. */
export function pickWeighted<T>(pairs: readonly [T, number][], random: () => number): T {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let at = random() * total;
  for (const [key, weight] of pairs) {
    at -= weight;
    if (at < 0) return key;
  }
  const last = pairs[pairs.length - 1];
  if (!last) throw new Error('pickWeighted needs at least one pair');
  return last[0];
}

/** Picks one item of `items` with `random`. */
export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick needs a non-empty list');
  return item;
}
