/**
 * Snapshot rows of the demo site for the backdrop tests, and how they get into a data
 * directory before the server starts on it: `snapshot-store.ts` in a child process, since
 * the embedded engine takes one process per directory.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_DIR, VIEWER_DIR } from './server';

/** What a test states about a stored snapshot; the rest is the same for all. */
export interface SnapshotRowOptions {
  pageKey: string;
  url: string;
  /** The serialised document (rrweb-snapshot's node shape). */
  node: unknown;
  device?: 'desktop' | 'mobile' | 'tablet';
  /** Viewport and document width. */
  width: number;
  height?: number;
  docHeight?: number;
  hash?: string;
}

/** A snapshots table row (migration 0105) of the `demo` site, taken and received now. */
export function snapshotRow({
  pageKey,
  url,
  node,
  device = 'desktop',
  width,
  height = 800,
  docHeight = 1500,
  hash = `test-${pageKey}`,
}: SnapshotRowOptions): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    site: 'demo',
    page_key: pageKey,
    device,
    hash,
    url,
    viewport_width: width,
    viewport_height: height,
    doc_width: width,
    doc_height: docHeight,
    taken_at: now,
    received_at: now,
    body: JSON.stringify(node),
  };
}

/** Writes `rows` into the data directory `dir` in a child process, before the server owns it. */
export function storeSnapshotRows(dir: string, rows: Record<string, unknown>[]): void {
  const rowsFile = join(dir, 'snapshot-rows.json');
  writeFileSync(rowsFile, JSON.stringify(rows));
  const script = pathToFileURL(join(VIEWER_DIR, 'test', 'snapshot-store.ts')).href;
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      // Run from the server's directory, where its tsx resolves.
      `import { register } from 'tsx/esm/api'; register(); await import('${script}');`,
      dir,
      rowsFile,
    ],
    { cwd: join(REPO_DIR, 'server'), encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) {
    const what = rows.length === 1 ? 'snapshot' : 'snapshots';
    throw new Error(`storing the test ${what} failed:\n${run.stdout}\n${run.stderr}`);
  }
}
