import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { SegmentDataError } from '../store/segment-errors.js';
import { startFlusher } from './flusher.js';
import type { Segment } from './segment-files.js';
import { openSpool } from './spool.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const spoolIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-flusher-'));
  dirs.push(dir);
  return openSpool({ dir, segmentAgeMs: 60_000 });
};

describe('flusher', () => {
  it('inserts sealed segments oldest first and removes them', async () => {
    const spool = await spoolIn();
    const inserted: string[] = [];
    const flusher = startFlusher({
      spool,
      log: silentLogger,
      insert: async (segment) => {
        inserted.push(readFileSync(segment.file, 'utf8'));
      },
    });
    await spool.append('{"n":1}\n', 1);
    await flusher.flush();
    await spool.append('{"n":2}\n', 1);
    await flusher.flush();
    expect(inserted).toEqual(['{"n":1}\n', '{"n":2}\n']);
    expect(spool.stats()).toMatchObject({ segments: 0, bytes: 0 });
    await flusher.close();
  });

  it('keeps retrying while the store is down, and sets aside only a segment the store refuses alone', async () => {
    const spool = await spoolIn();
    let storeUp = false;
    const inserted: string[] = [];
    const flusher = startFlusher({
      spool,
      log: silentLogger,
      retryMs: [1, 5],
      setAsideAfter: 3,
      probe: async () => storeUp,
      insert: async (segment: Segment) => {
        const text = readFileSync(segment.file, 'utf8');
        if (!storeUp) throw new Error('connect ECONNREFUSED');
        if (text.includes('poison')) throw new SegmentDataError('does not parse');
        inserted.push(text);
      },
    });
    await spool.append('{"poison":1}\n', 1);
    await spool.seal();
    // Down: many failed attempts, but nothing is set aside.
    await expect(flusher.flush(300)).rejects.toThrow(/not flushed/);
    expect(spool.sealed()).toHaveLength(1);
    expect(flusher.healthy()).toBe(false);
    // Up: the poison segment is moved to failed/, the next one goes through.
    storeUp = true;
    await spool.append('{"n":2}\n', 1);
    await flusher.flush(5_000);
    expect(inserted).toEqual(['{"n":2}\n']);
    const [dir] = dirs;
    expect(existsSync(join(dir as string, 'failed'))).toBe(true);
    expect(flusher.healthy()).toBe(true);
    await flusher.close();
  });

  it('never sets aside a segment the store refuses for its own reasons (a missing grant), however often', async () => {
    const spool = await spoolIn();
    let granted = false;
    let attempts = 0;
    const inserted: string[] = [];
    const flusher = startFlusher({
      spool,
      log: silentLogger,
      retryMs: [1, 2],
      setAsideAfter: 3,
      probe: async () => true,
      insert: async (segment: Segment) => {
        attempts++;
        if (!granted) throw new Error('Not enough privileges. (ACCESS_DENIED)');
        inserted.push(readFileSync(segment.file, 'utf8'));
      },
    });
    await spool.append('{"n":1}\n', 1);
    await expect(flusher.flush(300)).rejects.toThrow(/ACCESS_DENIED/);
    expect(attempts).toBeGreaterThan(10);
    expect(spool.sealed()).toHaveLength(1);
    expect(flusher.healthy()).toBe(false);
    expect(flusher.lastError()).toMatch(/ACCESS_DENIED/);
    granted = true;
    await flusher.flush(5_000);
    expect(inserted).toEqual(['{"n":1}\n']);
    expect(existsSync(join(dirs[0] as string, 'failed'))).toBe(false);
    await flusher.close();
  });
});
