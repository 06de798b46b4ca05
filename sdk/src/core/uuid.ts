/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms, then a 12-bit counter (method 1) so ids made in the
 * same millisecond still sort in the order they were made; the server dedups on them.
 */

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/** A UUIDv7 maker with its own monotonic state; `random` gives five integers below 2^16 (Platform.random16). */
export function uuidv7Factory(random: () => ArrayLike<number>): (now: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (now) => {
    // Always five values: the casts below need no fallback.
    const r = random();
    let ms = Math.floor(now);
    if (ms > lastMs) {
      lastMs = ms;
      // Start low so many ids fit in one millisecond before the counter overflows.
      counter = (r[0] as number) & 0x3ff;
    } else {
      // Same millisecond, or the clock went back: keep counting from the last id.
      ms = lastMs;
      if (++counter > 0xfff) {
        ms = ++lastMs;
        counter = 0;
      }
    }
    const digits =
      hex(ms, 12) +
      hex(0x7000 | counter, 4) +
      hex(0x8000 | ((r[1] as number) & 0x3fff), 4) +
      hex(r[2] as number, 4) +
      hex(r[3] as number, 4) +
      hex(r[4] as number, 4);
    return digits.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
