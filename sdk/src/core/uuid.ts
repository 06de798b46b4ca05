/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms, then a 12-bit counter (method 1) so ids made in the
 * same millisecond still sort in the order they were made; the server dedups on them.
 */

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/** A random integer below 2^16, from crypto when the platform has it. */
function rand16(): number {
  const cryptoApi = (globalThis as { crypto?: Crypto }).crypto;
  return cryptoApi?.getRandomValues
    ? (cryptoApi.getRandomValues(new Uint16Array(1))[0] ?? 0)
    : Math.floor(Math.random() * 0x10000);
}

/** A UUIDv7 maker with its own monotonic state. */
export function uuidv7Factory(): (now: number) => string {
  let lastMs = -1;
  let counter = 0;
  return (now) => {
    let ms = Math.floor(now);
    if (ms > lastMs) {
      lastMs = ms;
      // Start low so many ids fit in one millisecond before the counter overflows.
      counter = rand16() & 0x3ff;
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
      hex(0x8000 | (rand16() & 0x3fff), 4) +
      hex(rand16(), 4) +
      hex(rand16(), 4) +
      hex(rand16(), 4);
    return digits.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
