/**
 * A minimal gzip encoder that writes "stored" (uncompressed) deflate blocks. k6 can
 * gzip a body only together with a `Content-Encoding` header; beacons cannot set that
 * header and mark gzip with `?gz=1` instead, so this builds such bodies by hand. The
 * bytes are valid gzip that any inflater reads; they are just not smaller.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** UTF-8 bytes of `text` (k6 has no TextEncoder). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return Uint8Array.from(bytes);
}

const MAX_STORED_BLOCK = 0xffff;

/** Gzip bytes of `text`, in stored deflate blocks. */
export function gzipStored(text: string): Uint8Array<ArrayBuffer> {
  return gzipMember(utf8(text));
}

/** One gzip member holding `data` in stored blocks. */
function gzipMember(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(10 + blocks * 5 + data.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let at = 10;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * MAX_STORED_BLOCK, (b + 1) * MAX_STORED_BLOCK);
    const len = chunk.length;
    out.set([b === blocks - 1 ? 1 : 0, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff], at);
    out.set(chunk, at + 5);
    at += 5 + len;
  }
  const crc = crc32(data);
  const size = data.length >>> 0;
  out.set([crc & 0xff, (crc >> 8) & 0xff, (crc >> 16) & 0xff, crc >>> 24], at);
  out.set([size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >>> 24], at + 4);
  return out;
}

/** A template body split at its id slots, the fixed parts already gzip members. */
export interface GzipTemplate {
  parts: Uint8Array<ArrayBuffer>[];
  length: number;
}

/** Encodes `body` once, split at every `slot`. */
export function gzipTemplate(body: string, slot: string): GzipTemplate {
  const parts = body.split(slot).map((text) => gzipMember(utf8(text)));
  return { parts, length: parts.reduce((sum, p) => sum + p.length, 0) };
}

/** The gzip bytes of the template's body with every slot replaced by `value` (ASCII). */
export function gzipFill(template: GzipTemplate, value: string): Uint8Array<ArrayBuffer> {
  const filler = gzipMember(utf8(value));
  const out = new Uint8Array(template.length + filler.length * (template.parts.length - 1));
  let at = 0;
  template.parts.forEach((part, i) => {
    if (i > 0) {
      out.set(filler, at);
      at += filler.length;
    }
    out.set(part, at);
    at += part.length;
  });
  return out;
}
