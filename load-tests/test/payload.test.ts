import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ATTENTION_BANDS,
  type Batch,
  EVENT_TYPES,
  LIMITS,
  PLATFORMS,
  PROTOCOL_VERSION,
} from '../../sdk/src/protocol.ts';
import { gzipStored, utf8 } from '../scripts/lib/gzip.ts';
import { fnv1a, uuidV7Factory } from '../scripts/lib/ids.ts';
import { createGenerator, mismatch } from '../scripts/lib/payload.ts';
import { seededRandom } from '../scripts/lib/random.ts';
import { bodyOf, gzipBodyOf, makeTemplates, type Template } from '../scripts/lib/templates.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('payload generator', () => {
  const now = 1_790_000_000_000;
  const generator = createGenerator({ writeKey: 'demo', tag: 't1', instance: 3, seed: 42, now: () => now });
  const batches = Array.from({ length: 400 }, () => generator.next());
  const events = batches.flatMap((b) => b.batch.e);

  it('makes SDK-shaped batches of 1 to 50 events', () => {
    const sizes = batches.map((b) => b.batch.e.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBe(50);
    for (const { batch } of batches) {
      expect(batch.k).toBe('demo');
      expect(batch.v).toBe(PROTOCOL_VERSION);
    }
  });

  it('mixes every event type and platform, with ids unique across the run', () => {
    expect(new Set(events.map((e) => e.t))).toEqual(new Set(EVENT_TYPES));
    expect(new Set(events.map((e) => e.p))).toEqual(new Set(PLATFORMS));
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) {
      expect(e.id).toMatch(UUID_V7);
      expect(e.a.startsWith('t1:3:')).toBe(true);
      expect(e.ts).toBeLessThanOrEqual(now);
      expect(e.ts).toBeGreaterThan(now - LIMITS.maxFutureSkewMs);
      expect(e.url.length).toBeLessThanOrEqual(LIMITS.maxUrlLength);
      if (e.t === 'click') {
        expect(e.sh).toBe(fnv1a(e.sel));
        expect(e.x).toBeLessThanOrEqual(e.dw);
      }
      if (e.t === 'scroll') {
        expect(e.att).toHaveLength(ATTENTION_BANDS);
        expect(e.md).toBeLessThanOrEqual(e.dh);
      }
    }
  });

  it('breaks one event at the requested rate and says how the server must answer', () => {
    const broken = createGenerator({ writeKey: 'demo', tag: 't2', instance: 1, seed: 7 });
    const results = Array.from({ length: 200 }, () => broken.next({ size: 5, malformedRate: 1 }));
    for (const { expected } of results) {
      expect(expected.status).toBe(200);
      expect(expected.accepted).toBe(4);
      expect(expected.rejected).toHaveLength(1);
    }
    const single = broken.next({ size: 1, malformedRate: 1 });
    expect(single.expected).toMatchObject({ status: 400, accepted: 0 });
  });

  it('judges answers', () => {
    const expected = {
      status: 200 as const,
      accepted: 2,
      rejected: [{ index: 1, reason: 'missing_field' as const }],
    };
    const good = {
      accepted: 2,
      rejected: [{ index: 1, reason: 'missing_field', message: 'url is required' }],
    };
    expect(mismatch(expected, 200, good)).toBeUndefined();
    expect(mismatch(expected, 200, { accepted: 3, rejected: [] })).toMatch(/accepted 3/);
    expect(mismatch(expected, 503, null)).toMatch(/status 503/);
  });
});

describe('ids', () => {
  it('makes distinct UUIDv7s even when two VUs share a random source', () => {
    const a = uuidV7Factory(1, seededRandom(1));
    const b = uuidV7Factory(2, seededRandom(1));
    const ids = Array.from({ length: 1000 }, (_, i) => (i % 2 ? a : b)(1_790_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    // The first 48 bits are the millisecond time, as UUIDv7 orders ids by time.
    expect(ids[0]?.replace('-', '').slice(0, 12)).toBe((1_790_000_000_000).toString(16).padStart(12, '0'));
  });

  it('hashes selectors with FNV-1a 32-bit', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
  });
});

describe('gzipStored', () => {
  it('writes gzip that zlib reads back, across block boundaries and for non-ASCII text', () => {
    for (const text of ['', '{"k":"demo"}', '加入购物车 ✓', 'x'.repeat(200_000)]) {
      expect(gunzipSync(gzipStored(text)).toString('utf8')).toBe(text);
      expect(utf8(text)).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
    }
  });
});

describe('templates', () => {
  const templates = makeTemplates({ writeKey: 'demo', tag: 't3', instance: 9, seed: 5 }, 8, {
    size: 20,
    withBroken: true,
  });

  it('give every request of every sender its own valid ids, in JSON and in multi-member gzip alike', () => {
    const ids = new Set<string>();
    for (let n = 1; n <= 50; n++) {
      const template = templates[n % templates.length] as Template;
      const sender = (n % 3) + 1;
      const body = bodyOf(template, sender, n);
      expect(gunzipSync(gzipBodyOf(template, sender, n)).toString('utf8')).toBe(body);
      for (const e of (JSON.parse(body) as Batch).e) {
        expect(e.id).toMatch(UUID_V7);
        ids.add(e.id);
      }
    }
    expect(ids.size).toBe(50 * 20);
  });

  it('have a broken twin whose expectation names the broken event', () => {
    for (const template of templates) {
      expect(template.broken?.expected).toMatchObject({ status: 200, accepted: 19 });
      expect(template.broken?.expected.rejected).toHaveLength(1);
    }
  });
});
