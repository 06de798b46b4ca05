/**
 * Segment files on disk: naming, listing and crash recovery. A segment is NDJSON, one
 * events-table row per line, named `<seq>-<nonce>.ndjson`; the name is also the
 * insert's deduplication token, so it must stay the same across restarts.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A sealed segment waiting for the flusher. */
export interface Segment {
  seq: number;
  file: string;
  name: string;
  bytes: number;
  rows: number;
}

const SEGMENT = /^(\d{12})-([0-9a-f]+)\.ndjson$/;

/** A new segment name for sequence number `seq`; the nonce keeps names unique across hosts. */
export function segmentName(seq: number): string {
  return `${String(seq).padStart(12, '0')}-${randomBytes(6).toString('hex')}.ndjson`;
}

/**
 * The segments in `dir`, oldest first, each cut back to its last whole line: a line torn
 * by a crash was never acknowledged (the answer waits for the fsync), so it is dropped.
 */
export async function recoverSegments(dir: string): Promise<Segment[]> {
  const names = (await readdir(dir)).filter((name) => SEGMENT.test(name)).sort();
  const segments: Segment[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const { rows, bytes } = await countWholeLines(file);
    segments.push({ seq: Number(name.slice(0, 12)), file, name, bytes, rows });
  }
  return segments;
}

/** Counts the newline-terminated lines of `file` and truncates anything after the last one. */
async function countWholeLines(file: string): Promise<{ rows: number; bytes: number }> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r+');
  try {
    const chunk = Buffer.alloc(1 << 20);
    let rows = 0;
    let lastNewline = -1;
    for (let offset = 0; offset < size; ) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) break;
      for (let i = chunk.indexOf(10); i !== -1 && i < bytesRead; i = chunk.indexOf(10, i + 1)) {
        rows++;
        lastNewline = offset + i;
      }
      offset += bytesRead;
    }
    const bytes = lastNewline + 1;
    if (bytes < size) {
      await handle.truncate(bytes);
      await handle.sync();
    }
    return { rows, bytes };
  } finally {
    await handle.close();
  }
}

/** Makes a new directory entry durable (a file created but not in a synced directory can vanish). */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
