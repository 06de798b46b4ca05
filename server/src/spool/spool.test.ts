import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSpool, SpoolFullError } from './spool.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hf-spool-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const line = (n: number) => `${JSON.stringify({ n })}\n`;

describe('spool', () => {
  it('acknowledges concurrent appends and keeps every line, in whole segments', async () => {
    const dir = tempDir();
    const spool = await openSpool({ dir, segmentRows: 100 });
    await Promise.all(Array.from({ length: 250 }, (_, n) => spool.append(line(n), 1)));
    await spool.seal();
    const sealed = spool.sealed();
    expect(sealed.reduce((sum, s) => sum + s.rows, 0)).toBe(250);
    const text = sealed.map((s) => readFileSync(s.file, 'utf8')).join('');
    expect(new Set(text.trim().split('\n')).size).toBe(250);
    await spool.close();
  });

  it('recovers sealed segments after a restart and drops a line torn by a crash', async () => {
    const dir = tempDir();
    const first = await openSpool({ dir });
    await first.append(line(1) + line(2), 2);
    await first.close();
    const [segment] = readdirSync(dir);
    appendFileSync(join(dir, segment as string), '{"n":3'); // a write that never got its fsync
    const second = await openSpool({ dir });
    expect(second.sealed().map((s) => s.rows)).toEqual([2]);
    expect(readFileSync(join(dir, segment as string), 'utf8')).toBe(line(1) + line(2));
    await second.append(line(4), 1);
    await second.seal();
    expect(second.sealed().map((s) => s.seq)).toEqual([1, 2]);
    await second.done(second.sealed()[0] as never);
    expect(second.stats()).toMatchObject({ segments: 1, rows: 1 });
    await second.close();
  });

  it('refuses appends past its cap until segments are done', async () => {
    const dir = tempDir();
    const spool = await openSpool({ dir, maxBytes: 30 });
    await spool.append(line(1), 1);
    await spool.append(line(2), 1);
    await expect(spool.append('x'.repeat(20), 1)).rejects.toBeInstanceOf(SpoolFullError);
    await spool.seal();
    await spool.done(spool.sealed()[0] as never);
    await spool.append(line(3), 1);
    await spool.close();
  });

  it('frees the bytes of a segment done while another write is in flight', async () => {
    const dir = tempDir();
    const spool = await openSpool({ dir });
    await spool.append(line(1), 1);
    await spool.seal();
    const [first] = spool.sealed();
    // The next append's write is on its way when the flusher finishes the first segment.
    const writing = spool.append(line(2), 1);
    await spool.done(first as never);
    await writing;
    expect(spool.stats().bytes).toBe(Buffer.byteLength(line(2)));
    await spool.seal();
    await spool.done(spool.sealed()[0] as never);
    expect(spool.stats().bytes).toBe(0);
    await spool.close();
  });

  it('seals a segment by age so events reach the store within about a second', async () => {
    const dir = tempDir();
    const spool = await openSpool({ dir, segmentAgeMs: 50 });
    const sealed = new Promise<void>((resolve) => spool.onChange(resolve));
    await spool.append(line(1), 1);
    await sealed;
    expect(spool.sealed()).toHaveLength(1);
    await spool.close();
  });
});
