/**
 * Ids the SDK puts on the wire: UUIDv7 event ids and FNV-1a selector hashes. Pure code
 * with no k6 or Node import, so k6 scripts and the vitest tests share it.
 */

const hex = (value: number, digits: number): string =>
  value.toString(16).padStart(digits, '0').slice(-digits);

/**
 * Makes UUIDv7 ids that never repeat within one generator: the last 48 bits hold the
 * generator's `instance` (16 bits, the k6 VU) and a counter (32 bits), so two VUs whose
 * random sources happen to agree still cannot make the same id. A repeated id would be
 * dropped by the server as a retry and break the stored = acknowledged check.
 */
export function uuidV7Factory(instance: number, random: () => number): (ms: number) => string {
  let counter = 0;
  return (ms) => {
    counter = (counter + 1) >>> 0;
    const time = hex(Math.floor(ms), 12);
    const randA = hex(Math.floor(random() * 0x1000), 3);
    const variant = (0x8 | Math.floor(random() * 4)).toString(16);
    const randB = hex(Math.floor(random() * 0x1000), 3);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}${randB}-${hex(instance, 4)}${hex(counter, 8)}`;
  };
}

/** FNV-1a 32-bit hash of `text` as 8 lower-case hex digits, as protocol.ts specifies for `sh`. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hex(hash, 8);
}
