import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LIMITS } from '@heatfunnel/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { acceptedContentType, decodeBody, INLINE_GUNZIP_BYTES } from './decode-body.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('decodeBody', () => {
  it('parses plain and gzip JSON alike', async () => {
    const json = JSON.stringify({ k: 'site', v: 1, e: [] });
    expect(await decodeBody(bytes(json), false)).toEqual({ ok: true, value: { k: 'site', v: 1, e: [] } });
    expect(await decodeBody(gzipSync(json), true)).toEqual({ ok: true, value: { k: 'site', v: 1, e: [] } });
  });

  it('explains invalid JSON', async () => {
    const result = await decodeBody(bytes('{"k": '), false);
    expect(result).toMatchObject({ ok: false, status: 400, error: 'invalid_json' });
  });

  it('refuses a body marked gzip that is not gzip', async () => {
    expect(await decodeBody(bytes('{"k":1}'), true)).toMatchObject({
      ok: false,
      status: 400,
      error: 'invalid_gzip',
    });
  });

  it('refuses a gzip bomb by size and by ratio', async () => {
    const huge = gzipSync(Buffer.alloc(LIMITS.maxDecompressedBytes + 1024, 32));
    expect(await decodeBody(huge, true)).toMatchObject({ ok: false, status: 413, error: 'body_too_large' });
    const dense = gzipSync(Buffer.alloc(1_000_000, 32));
    expect(dense.length * LIMITS.maxCompressionRatio).toBeLessThan(1_000_000);
    expect(await decodeBody(dense, true)).toMatchObject({ ok: false, status: 413, error: 'body_too_large' });
  });
});

describe('acceptedContentType', () => {
  it('reads JSON and text/plain (beacons), with or without charset', () => {
    expect(acceptedContentType('application/json')).toBe(true);
    expect(acceptedContentType('text/plain;charset=UTF-8')).toBe(true);
    expect(acceptedContentType(undefined)).toBe(true);
    expect(acceptedContentType('application/x-www-form-urlencoded')).toBe(false);
  });
});

describe('decodeBody on small and large gzip bodies', () => {
  it('inflates both the same way, and names the ratio when a small body is a bomb', async () => {
    const events = Array.from({ length: 1000 }, () => ({
      id: randomBytes(32).toString('hex'),
      t: 'pageview',
    }));
    const json = JSON.stringify({ k: 'site', v: 1, e: events });
    const large = gzipSync(json);
    expect(large.length).toBeGreaterThan(INLINE_GUNZIP_BYTES);
    expect(await decodeBody(large, true)).toEqual({ ok: true, value: JSON.parse(json) });
    const small = gzipSync(JSON.stringify({ k: 'site', v: 1, e: events.slice(0, 5) }));
    expect(small.length).toBeLessThanOrEqual(INLINE_GUNZIP_BYTES);
    expect(await decodeBody(small, true)).toMatchObject({ ok: true });
    const bomb = gzipSync(Buffer.alloc(200_000, 32));
    expect(bomb.length).toBeLessThanOrEqual(INLINE_GUNZIP_BYTES);
    const refused = await decodeBody(bomb, true);
    expect(refused).toMatchObject({ ok: false, status: 413, error: 'body_too_large' });
    expect(!refused.ok && refused.message).toMatch(/expands more than 100x/);
  });
});

describe('decodeBody with its own limit and words', () => {
  it('refuses past the size it is given and says what the body should be', async () => {
    const json = JSON.stringify({ k: 'site', pad: randomBytes(4096).toString('hex') });
    const options = {
      maxBytes: 4096,
      expected: 'a SnapshotUpload',
      tooLargeHint: 'such a page is not snapshotted',
    };
    const refused = await decodeBody(gzipSync(json), true, options);
    expect(refused).toMatchObject({ ok: false, status: 413, error: 'body_too_large' });
    expect(!refused.ok && refused.message).toBe(
      'gzip body expands past 4096 bytes; such a page is not snapshotted',
    );
    expect(await decodeBody(gzipSync(json), true)).toMatchObject({ ok: true });
    const invalid = await decodeBody(bytes('{"k":'), false, options);
    expect(!invalid.ok && invalid.message).toMatch(/send a SnapshotUpload as JSON$/);
  });
});
