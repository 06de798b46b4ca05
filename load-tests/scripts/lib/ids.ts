/**
 * Ids the SDK puts on the wire: UUIDv7 event ids and FNV-1a selector hashes. Pure code
 * with no k6 or Node import, so k6 scripts and the vitest tests share it.
 */

const hex = (value: number, digits: number): string =>
  value.toString(16).padStart(digits, '0').slice(-digits);

/**
 * Placeholder that template ids carry in place of the sender and request number (see
 * `fillIds`): `~` never occurs in generated JSON otherwise.
 */
export const ID_SLOT = '~~~~~~~~~';
const SENDERS = 0x1000;
const REQUESTS = 0x1000000;

/**
 * Makes UUIDv7 ids that never repeat within one generator: the last 48 bits hold the
 * generator's `instance` (the k6 VU) and a counter, so two VUs whose random sources
 * happen to agree still cannot make the same id. A repeated id would be dropped by the
 * server as a retry and break the stored = acknowledged check.
 *
 * With `slot`, the last 48 bits are `ID_SLOT` (36 bits, filled per request by `fillIds`
 * with the sending VU and its request number) and the counter (12 bits, distinct within
 * any batch of up to 4096 events): generated batches become templates that every VU
 * sends many times with new ids at the cost of one `replaceAll`, instead of generating
 * every batch in k6's slower JavaScript.
 */
export function uuidV7Factory(
  instance: number,
  random: () => number,
  { slot = false } = {},
): (ms: number) => string {
  let counter = 0;
  return (ms) => {
    counter = (counter + 1) >>> 0;
    const time = hex(Math.floor(ms), 12);
    const randA = hex(Math.floor(random() * 0x1000), 3);
    const variant = (0x8 | Math.floor(random() * 4)).toString(16);
    const randB = hex(Math.floor(random() * 0x1000), 3);
    const tail = slot ? `${ID_SLOT}${hex(counter, 3)}` : `${hex(instance, 4)}${hex(counter, 8)}`;
    return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}${randB}-${tail}`;
  };
}

/**
 * The slot value of request `n` of sender `sender` (the k6 VU): 9 hex digits, unique for
 * 4096 senders and 2^24 requests each.
 */
export function slotValue(sender: number, n: number): string {
  return `${hex(sender % SENDERS, 3)}${hex(n % REQUESTS, 6)}`;
}

/** Fills the `ID_SLOT` of every id in a template body for request `n` of `sender`. */
export function fillIds(body: string, sender: number, n: number): string {
  return body.replaceAll(ID_SLOT, slotValue(sender, n));
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
