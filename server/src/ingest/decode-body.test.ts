import { gzipSync } from 'node:zlib';
import { LIMITS } from '@heatfunnel/sdk/protocol';
import { describe, expect, it } from 'vitest';
import { acceptedContentType, decodeBody } from './decode-body.js';

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
