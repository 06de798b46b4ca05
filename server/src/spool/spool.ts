/**
 * The durable spool: a write-ahead log of accepted events in segment files. `append`
 * resolves only once its lines are on disk (fdatasync); appends that arrive while a sync
 * runs share the next one (group commit), so many concurrent requests cost one fsync.
 * A segment is sealed by size, row count or age and handed to the flusher.
 */
import { mkdirSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { recoverSegments, type Segment, segmentName, syncDir } from './segment-files.js';

export interface SpoolOptions {
  dir: string;
  /** Most bytes waiting (sealed and open); past it `append` throws `SpoolFullError`. */
  maxBytes?: number;
  /** A segment is sealed once it holds this many bytes... */
  segmentBytes?: number;
  /** ...or rows... */
  segmentRows?: number;
  /** ...or is this old (ms) and not empty. */
  segmentAgeMs?: number;
  /** Sync to disk before acknowledging; only benchmarks of the rest turn it off. */
  fsync?: boolean;
}

/** The spool holds `maxBytes` already: the caller answers 503 and the client retries. */
export class SpoolFullError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the spool holds its maximum of ${maxBytes} bytes while the store catches up`);
  }
}

export interface SpoolStats {
  /** Sealed segments waiting for the flusher. */
  segments: number;
  rows: number;
  bytes: number;
  maxBytes: number;
  /** Segments moved to `failed/` since the spool was opened (see the flusher). */
  setAside: number;
}

export interface Spool {
  /** Appends NDJSON `text` holding `rows` lines; resolves once they are durable. */
  append(text: string, rows: number): Promise<void>;
  /** Sealed segments not yet done, oldest first. */
  sealed(): readonly Segment[];
  /** Seals the open segment now (if it has rows); resolves when it is sealed. */
  seal(): Promise<void>;
  /** Removes a segment the store has taken. */
  done(segment: Segment): Promise<void>;
  /** Moves a segment the store refuses to `failed/` (kept for the operator); returns its new path. */
  setAside(segment: Segment): Promise<string>;
  /** Calls `listener` whenever a segment is sealed or done. */
  onChange(listener: () => void): void;
  stats(): SpoolStats;
  /** Seals the open segment and stops the age timer. */
  close(): Promise<void>;
}

interface Pending {
  text: string;
  /** `text.length`: what the cap counts while the text waits (UTF-16 units; bytes once written). */
  length: number;
  rows: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface OpenSegment {
  seq: number;
  name: string;
  file: string;
  handle: FileHandle;
  bytes: number;
  rows: number;
  openedAt: number;
}

/** Opens the spool in `dir`, recovering the segments a previous run left as sealed. */
export async function openSpool({
  dir,
  maxBytes = 1 << 30,
  segmentBytes = 64 << 20,
  segmentRows = 100_000,
  segmentAgeMs = 1_000,
  fsync = true,
}: SpoolOptions): Promise<Spool> {
  mkdirSync(dir, { recursive: true });
  const sealedList: Segment[] = await recoverSegments(dir);
  let nextSeq = (sealedList.at(-1)?.seq ?? 0) + 1;
  let current: OpenSegment | undefined;
  let queue: Pending[] = [];
  let running = false;
  let sealWanted = false;
  let sealWaiters: (() => void)[] = [];
  const listeners: (() => void)[] = [];
  let waitingBytes = sealedList.reduce((sum, s) => sum + s.bytes, 0);
  let queuedBytes = 0;
  let setAsideCount = 0;
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const sealCurrent = async () => {
    const segment = current;
    current = undefined;
    if (!segment) return;
    await segment.handle.close();
    if (segment.rows === 0) {
      await unlink(segment.file).catch(() => {});
      return;
    }
    sealedList.push({
      seq: segment.seq,
      name: segment.name,
      file: segment.file,
      bytes: segment.bytes,
      rows: segment.rows,
    });
    changed();
  };

  const openSegment = async (): Promise<OpenSegment> => {
    const seq = nextSeq++;
    const name = segmentName(seq);
    const file = join(dir, name);
    const handle = await open(file, 'a');
    if (fsync) await syncDir(dir);
    return { seq, name, file, handle, bytes: 0, rows: 0, openedAt: Date.now() };
  };

  /** Appends `group` to the open segment, durably; returns the bytes written. */
  const writeGroup = async (group: Pending[]): Promise<number> => {
    current ??= await openSegment();
    const segment = current;
    const buffer = Buffer.from(group.map((p) => p.text).join(''));
    try {
      for (let written = 0; written < buffer.length; ) {
        const { bytesWritten } = await segment.handle.write(buffer, written);
        written += bytesWritten;
      }
      if (fsync) await segment.handle.datasync();
    } catch (error) {
      // A half-written group must not be read back: cut it off, and start a fresh segment.
      await segment.handle.truncate(segment.bytes).catch(() => {});
      await sealCurrent().catch(() => {});
      throw error;
    }
    segment.bytes += buffer.length;
    segment.rows += group.reduce((sum, p) => sum + p.rows, 0);
    return buffer.length;
  };

  // One loop does every write and seal, so they never interleave on a file.
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while (queue.length > 0 || sealWanted) {
        if (queue.length > 0) {
          const group = queue;
          queue = [];
          const queued = group.reduce((sum, p) => sum + p.length, 0);
          try {
            // Not `waitingBytes += await ...`: that reads waitingBytes before the write and
            // would undo every done() that lands while the write is in flight.
            const written = await writeGroup(group);
            waitingBytes += written;
            for (const p of group) p.resolve();
          } catch (error) {
            for (const p of group) p.reject(error);
          } finally {
            queuedBytes -= queued;
          }
          if (current && (current.bytes >= segmentBytes || current.rows >= segmentRows)) await sealCurrent();
          continue;
        }
        sealWanted = false;
        await sealCurrent();
        const waiters = sealWaiters;
        sealWaiters = [];
        for (const waiter of waiters) waiter();
      }
    } finally {
      running = false;
    }
  };

  const timer = setInterval(
    () => {
      if (current && current.rows > 0 && Date.now() - current.openedAt >= segmentAgeMs) {
        sealWanted = true;
        void run();
      }
    },
    Math.max(10, Math.floor(segmentAgeMs / 4)),
  );
  timer.unref();

  const seal = () =>
    new Promise<void>((resolve) => {
      sealWaiters.push(resolve);
      sealWanted = true;
      void run();
    });

  return {
    append: (text, rows) => {
      // Waiting text counts by its length: Buffer.byteLength here flattened and scanned every
      // request's text once more, 5 % of the main thread's time under load.
      const length = text.length;
      if (waitingBytes + queuedBytes + length > maxBytes) return Promise.reject(new SpoolFullError(maxBytes));
      queuedBytes += length;
      return new Promise<void>((resolve, reject) => {
        queue.push({ text, length, rows, resolve, reject });
        void run();
      });
    },
    sealed: () => sealedList,
    seal,
    done: async (segment) => {
      await unlink(segment.file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      const index = sealedList.indexOf(segment);
      if (index !== -1) sealedList.splice(index, 1);
      waitingBytes -= segment.bytes;
      changed();
    },
    setAside: async (segment) => {
      const failed = join(dir, 'failed');
      await mkdir(failed, { recursive: true });
      const target = join(failed, segment.name);
      await rename(segment.file, target);
      const index = sealedList.indexOf(segment);
      if (index !== -1) sealedList.splice(index, 1);
      waitingBytes -= segment.bytes;
      setAsideCount++;
      changed();
      return target;
    },
    onChange: (listener) => {
      listeners.push(listener);
    },
    stats: () => ({
      segments: sealedList.length,
      rows: sealedList.reduce((sum, s) => sum + s.rows, 0) + (current?.rows ?? 0),
      bytes: waitingBytes,
      maxBytes,
      setAside: setAsideCount,
    }),
    close: async () => {
      clearInterval(timer);
      await seal();
    },
  };
}
